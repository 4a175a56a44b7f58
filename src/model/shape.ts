/**
 * The compact API model that `scripts/generate-model.ts` writes to `generated.ts`: only what input validation needs.
 * Shapes are referenced by name; the built-in names (`string`, `integer`, `boolean`, ...) have no constraints.
 */
export interface Shape {
  /**
   * The kind: `s` string, `i` integer, `l` long, `d` double, `b` boolean, `t` timestamp, `B` blob, `D` document,
   * `L` list, `M` map, `S` structure.
   */
  t: 's' | 'i' | 'l' | 'd' | 'b' | 't' | 'B' | 'D' | 'L' | 'M' | 'S'
  /** Minimum length (strings, lists, maps) or value (numbers). */
  n?: number
  /** Maximum length (strings, lists, maps) or value (numbers). */
  x?: number
  /** A Java regular expression the whole string must match. */
  p?: string
  /** The enum values, in the order AWS lists them in its messages. */
  e?: string[]
  /** Sensitive: AWS does not echo the value in validation messages. */
  s?: 1
  /** A list's member shape, or a structure's members (name → shape). */
  m?: string | Record<string, string>
  /** A map's key shape. */
  k?: string
  /** A map's value shape. */
  v?: string
  /** A structure's required members. */
  r?: string[]
}

export interface Model {
  shapes: Record<string, Shape>
  /** Per operation: its input shape and the indexes in `errors` of the errors it can return. */
  operations: Record<string, [input: string, errors: number[]]>
  /** Every error name any operation can return. */
  errors: string[]
}
