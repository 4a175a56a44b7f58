/**
 * Generates `src/model/generated.ts`, the compact API model that input validation runs on, and nothing else.
 *
 *     npx node scripts/generate-model.ts
 *
 * It merges two sources, because neither is complete:
 * - the AWS SDK v3 (`@aws-sdk/client-cognito-identity-provider`, a devDependency): its exported Smithy schemas give
 *   every current operation, its input structures, member names, JSON types, required members and sensitive
 *   traits; `dist-es/models/enums.js` and the `.d.ts` models give current enum values and which member uses which
 *   enum; the command `.d.ts` files list the errors each operation can throw (`@throws`);
 * - Debian's botocore 1.29 model (`apt-get install python3-botocore`, at `BOTOCORE_MODEL` or the path below), from
 *   Dec 2022: lengths, numeric ranges, patterns, enums, sensitive traits and errors of the shapes that existed then.
 * Structures and members come from the SDK; constraints from botocore, matched by shape and member name; enum
 * values from the SDK when it has them. Enum values are written in the order a Java `HashSet` iterates them, the
 * order AWS's own messages list them in (e.g. `[SUPPRESS, RESEND]`). Rerun after upgrading the SDK; commit the output.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Model, Shape } from '../src/model/shape.ts'

const BOTOCORE_DIR = '/usr/lib/python3/dist-packages/botocore'
const BOTOCORE_MODEL =
  process.env.BOTOCORE_MODEL ?? `${BOTOCORE_DIR}/data/cognito-idp/2016-04-18/service-2.json`
const OUT = new URL('../src/model/generated.ts', import.meta.url)

const require = createRequire(import.meta.url)
const sdkRoot = join(dirname(require.resolve('@aws-sdk/client-cognito-identity-provider')), '..')
const sdkVersion: string = JSON.parse(readFileSync(join(sdkRoot, 'package.json'), 'utf8')).version
// biome-ignore lint/suspicious/noExplicitAny: Smithy schemas are untyped nested arrays
const sdk: Record<string, any> = await import('@aws-sdk/client-cognito-identity-provider')

interface BotoShape {
  type: string
  min?: number
  max?: number
  pattern?: string
  enum?: string[]
  sensitive?: boolean
  members?: Record<string, { shape: string }>
  required?: string[]
  member?: { shape: string }
  key?: { shape: string }
  value?: { shape: string }
}
const boto: {
  shapes: Record<string, BotoShape>
  operations: Record<string, { errors?: { shape: string }[] }>
} = JSON.parse(readFileSync(BOTOCORE_MODEL, 'utf8'))
const botoVersion = /__version__ = '([^']+)'/.exec(readFileSync(`${BOTOCORE_DIR}/__init__.py`, 'utf8'))?.[1]

// ---- SDK enums and which member uses which enum (from the .d.ts models) ----

const enumsDts = readFileSync(join(sdkRoot, 'dist-types/models/enums.d.ts'), 'utf8')
const enums = new Map<string, string[]>()
for (const [, name = ''] of enumsDts.matchAll(/export declare const (\w+): \{/g)) {
  enums.set(name, Object.values(sdk[name] as Record<string, string>))
}

/** interface → member → the enum it uses, and whether directly, as list elements or as map values. */
const enumHints = new Map<string, Map<string, { name: string; wrap: 'none' | 'list' | 'map' }>>()
for (const file of readdirSync(join(sdkRoot, 'dist-types/models'))) {
  const text = readFileSync(join(sdkRoot, 'dist-types/models', file), 'utf8')
  for (const [, iface = '', body = ''] of text.matchAll(/export interface (\w+) \{([\s\S]*?)\n\}/g)) {
    const members = new Map<string, { name: string; wrap: 'none' | 'list' | 'map' }>()
    for (const [, member = '', type = ''] of body.matchAll(/^ {4}(\w+)\??: ([^;]+);$/gm)) {
      const t = type.replace(/ \| undefined$/, '')
      const list = /^(\w+)\[\]$/.exec(t)
      const map = /^Record<string, (\w+)>$/.exec(t)
      const name: string = list?.[1] ?? map?.[1] ?? t
      if (enums.has(name)) members.set(member, { name, wrap: list ? 'list' : map ? 'map' : 'none' })
    }
    enumHints.set(iface, members)
  }
}

// ---- Java HashSet iteration order, which AWS's enum messages follow ----

function javaHash(s: string): number {
  let h = 0
  for (let i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0
  return h
}

function hashSetOrder(values: string[]): string[] {
  let capacity = 16
  while (capacity < Math.floor(values.length / 0.75) + 1) capacity *= 2
  const bucket = (v: string) => {
    const h = javaHash(v)
    return (h ^ (h >>> 16)) & (capacity - 1)
  }
  return values
    .map((v, i) => ({ v, i, b: bucket(v) }))
    .sort((a, b) => a.b - b.b || a.i - b.i)
    .map((e) => e.v)
}

// ---- Converting SDK schemas (with botocore constraints) into compact shapes ----

const shapes: Record<string, Shape> = {
  string: { t: 's' },
  integer: { t: 'i' },
  boolean: { t: 'b' },
  timestamp: { t: 't' },
  blob: { t: 'B' },
  document: { t: 'D' },
}

// biome-ignore lint/suspicious/noExplicitAny: see above
type Ref = any
const deref = (ref: Ref): Ref => (typeof ref === 'function' ? ref() : ref)

const botoKind: Record<string, Shape['t']> = {
  string: 's',
  integer: 'i',
  long: 'l',
  double: 'd',
  float: 'd',
  boolean: 'b',
  timestamp: 't',
  blob: 'B',
  list: 'L',
  map: 'M',
  structure: 'S',
}

function simpleKind(code: number): Shape['t'] {
  if (code === 0) return 's'
  if (code === 1) return 'i'
  if (code === 2) return 'b'
  if (code >= 4 && code <= 7) return 't'
  if (code === 15) return 'D'
  return 'B'
}

const builtin: Record<string, string> = {
  s: 'string',
  i: 'integer',
  b: 'boolean',
  t: 'timestamp',
  B: 'blob',
  D: 'document',
}

function constraints(b: BotoShape | undefined): Partial<Shape> {
  const c: Partial<Shape> = {}
  if (b?.min !== undefined) c.n = b.min
  if (b?.max !== undefined) c.x = b.max
  if (b?.pattern !== undefined) c.p = b.pattern
  return c
}

/**
 * Emits the shape of an SDK schema reference and returns its name. `botoName` is the botocore shape the same
 * member targets (constraints), `enumName` the SDK enum the member uses, `sensitive` a member-level trait.
 */
function convert(
  ref: Ref,
  botoName: string | undefined,
  enumName: string | undefined,
  sensitive = false,
): string {
  let schema = deref(ref)
  if (Array.isArray(schema) && schema.length === 2 && typeof schema[1] === 'number' && schema[0] !== 9) {
    sensitive ||= (schema[1] & 8) === 8
    schema = deref(schema[0])
  }
  const b = botoName ? boto.shapes[botoName] : undefined
  if (typeof schema === 'number') {
    if (schema & 64) return convertList(undefined, schema & 63, b, botoName, enumName)
    if (schema & 128) return convertMap(undefined, 0, schema & 63, b, botoName, enumName)
    return convertSimple(simpleKind(schema), undefined, b, botoName, enumName, sensitive)
  }
  const [kind, , name, traits] = schema
  sensitive ||= (traits & 8) === 8
  if (kind === 0) return convertSimple(simpleKind(deref(schema[4])), name, b, botoName, enumName, sensitive)
  if (kind === 1) return convertList(name, schema[4], b, botoName, enumName)
  if (kind === 2) return convertMap(name, schema[4], schema[5], b, botoName, enumName, sensitive)
  if (kind === 3) return convertStructure(schema, b?.type === 'structure' ? b : boto.shapes[name])
  throw new Error(`Unexpected schema ${JSON.stringify(schema)}`)
}

function convertSimple(
  t: Shape['t'],
  sdkName: string | undefined,
  b: BotoShape | undefined,
  botoName: string | undefined,
  enumName: string | undefined,
  sensitive: boolean,
): string {
  // A member botocore does not know may still use a shape botocore knows by the same name.
  if (!(b && botoKind[b.type] === t)) {
    botoName = [sdkName, enumName].find((n) => n && botoKind[boto.shapes[n]?.type ?? ''] === t)
    b = botoName ? boto.shapes[botoName] : undefined
  }
  const fromBoto = b
  const values = enums.get(enumName ?? '') ?? enums.get(botoName ?? '') ?? fromBoto?.enum
  let name = (fromBoto && botoName) ?? enumName ?? sdkName ?? builtin[t] ?? 'integer'
  const shape: Shape = { t, ...constraints(fromBoto) }
  if (values) shape.e = hashSetOrder(values)
  if (sensitive || fromBoto?.sensitive) shape.s = 1
  if (shape.s && !shapes[name]?.s && shapes[name]) name = `${name}!`
  shapes[name] ??= shape
  return name
}

function convertList(
  sdkName: string | undefined,
  member: Ref,
  b: BotoShape | undefined,
  botoName: string | undefined,
  enumName: string | undefined,
): string {
  const fromBoto =
    b?.type === 'list'
      ? b
      : sdkName && boto.shapes[sdkName]?.type === 'list'
        ? boto.shapes[sdkName]
        : undefined
  if (fromBoto && b?.type !== 'list') botoName = sdkName
  const element = convert(member, fromBoto?.member?.shape, enumName)
  const name = (fromBoto && botoName) ?? sdkName ?? `${element}[]`
  shapes[name] ??= { t: 'L', m: element, ...constraints(fromBoto) }
  return name
}

function convertMap(
  sdkName: string | undefined,
  key: Ref,
  value: Ref,
  b: BotoShape | undefined,
  botoName: string | undefined,
  enumName: string | undefined,
  sensitive = false,
): string {
  const fromBoto =
    b?.type === 'map' ? b : sdkName && boto.shapes[sdkName]?.type === 'map' ? boto.shapes[sdkName] : undefined
  if (fromBoto && b?.type !== 'map') botoName = sdkName
  const k = convert(key, fromBoto?.key?.shape, undefined)
  const v = convert(value, fromBoto?.value?.shape, enumName, sensitive)
  const name = (fromBoto && botoName) ?? sdkName ?? `{${k}:${v}}`
  shapes[name] ??= { t: 'M', k, v, ...constraints(fromBoto) }
  return name
}

function convertStructure(schema: Ref[], b: BotoShape | undefined): string {
  const [, , name, , memberNames, memberRefs, requiredCount = 0] = schema as [
    number,
    string,
    string,
    number,
    string[],
    Ref[],
    number?,
  ]
  if (shapes[name]) return name
  const shape: Shape = { t: 'S', m: {} }
  shapes[name] = shape
  const hints = enumHints.get(name)
  const members: Record<string, string> = {}
  memberNames.forEach((member, i) => {
    const hint = hints?.get(member)
    members[member] = convert(memberRefs[i], b?.members?.[member]?.shape, hint?.name)
  })
  shape.m = members
  const required = memberNames.slice(0, requiredCount)
  if (required.length) shape.r = required
  return name
}

// ---- Operations and their errors ----

const operations: Model['operations'] = {}
const errorsByOperation = new Map<string, string[]>()
const operationSchemas = Object.values(sdk).filter((v) => Array.isArray(v) && v[0] === 9)
for (const op of operationSchemas.sort((a, b) => (a[2] < b[2] ? -1 : 1))) {
  const name: string = op[2]
  const input = deref(op[4])
  const inputName =
    input === 'unit'
      ? convertStructure([3, '', `${name}Request`, 0, [], []], undefined)
      : convert(input, undefined, undefined)
  const dts = readFileSync(join(sdkRoot, `dist-types/commands/${name}Command.d.ts`), 'utf8')
  const errors = new Set(
    [...dts.matchAll(/@throws \{@link (\w+)\}/g)]
      .map((m) => m[1] ?? '')
      .filter((e) => e !== 'CognitoIdentityProviderServiceException'),
  )
  for (const e of boto.operations[name]?.errors ?? []) errors.add(e.shape)
  errorsByOperation.set(name, [...errors])
  operations[name] = [inputName, []]
}
const errorNames = [...new Set([...errorsByOperation.values()].flat())].sort()
for (const [name, errors] of errorsByOperation) {
  operations[name] = [operations[name]?.[0] ?? '', errors.map((e) => errorNames.indexOf(e))]
}

// Every pattern must compile as the validator compiles it.
for (const [name, shape] of Object.entries(shapes)) {
  if (shape.p === undefined) continue
  try {
    new RegExp(`^(?:${shape.p})$`, 'u')
  } catch {
    try {
      new RegExp(`^(?:${shape.p})$`)
    } catch (e) {
      throw new Error(`Pattern of ${name} does not compile: ${(e as Error).message}`)
    }
  }
}

const model: Model = { shapes, operations, errors: errorNames }
writeFileSync(
  OUT,
  `// Generated by scripts/generate-model.ts from @aws-sdk/client-cognito-identity-provider ${sdkVersion} and botocore ${botoVersion}. Do not edit.
import type { Model } from './shape.ts'

export const MODEL: Model = ${JSON.stringify(model)}
`,
)
console.log(
  `Wrote ${OUT.pathname}: ${Object.keys(operations).length} operations, ${Object.keys(shapes).length} shapes, ${errorNames.length} errors.`,
)
