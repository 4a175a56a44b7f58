import { CognitoError } from '../core/errors.ts'
import { MODEL } from './generated.ts'
import type { Shape } from './shape.ts'

/**
 * Checks an operation's input against the API model as Cognito's front end does, before any state is touched.
 * A JSON value of the wrong type is a protocol error (`SerializationException`, thrown at the first one, as AWS
 * stops deserializing there); constraint violations (required members, lengths, ranges, patterns, enums) are all
 * collected into one `InvalidParameterException` in AWS's words. Members the model does not define, and members,
 * list elements and map values that are `null`, are removed from the input, as AWS ignores them.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
 */
export function validateInput(operation: string, input: unknown): void {
  const shape = inputShape(operation)
  if (!shape) return
  const errors: string[] = []
  checkStructure(shape, asStructure(input), '', errors)
  if (errors.length > 0) {
    const count = errors.length === 1 ? '1 validation error' : `${errors.length} validation errors`
    throw new CognitoError('InvalidParameterException', `${count} detected: ${errors.join('; ')}`)
  }
}

const shapeOf = (name: string): Shape => MODEL.shapes[name] as Shape

const inputs = new Map<string, Shape>()
/** An operation's input shape (one lookup per call). */
function inputShape(operation: string): Shape | undefined {
  let shape = inputs.get(operation)
  if (!shape) {
    const entry = MODEL.operations[operation]
    if (!entry) return undefined
    shape = shapeOf(entry[0])
    inputs.set(operation, shape)
  }
  return shape
}
const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)
/** A member's path in messages: `key` under `parent` (`parent.key`), or `key` at the top. */
const join = (parent: string, key: string) => (parent ? `${parent}.${key}` : key)
/** No violations: shared, so that the common case allocates nothing. */
const NONE: readonly string[] = Object.freeze([])

/** A structure's member, resolved once: its shape, whether it is required, its name as messages write it. */
interface Member {
  name: string
  shape: Shape
  required: boolean
  /** The name with a lower-case first letter, as AWS's paths spell it. */
  key: string
}

/**
 * What is derived from a shape once and kept on it: a structure's members, a string's compiled pattern. Each call
 * then reads a few small arrays instead of looking names up in the model's tables and building every path: on the
 * hot path each lookup costs microseconds when the SDK and MSW have pushed the model out of the CPU's caches.
 */
const DERIVED = Symbol('derived')
/** A list's element shape, or a map's key and value shapes, resolved from their names. */
interface Refs {
  element?: Shape
  key?: Shape
  value?: Shape
}
type Derived = Shape & { [DERIVED]?: Member[] | RegExp | Refs }
/** Kept out of sight: not enumerable, so the model still compares and prints as the generated data. */
const keep = (shape: Derived, value: Member[] | RegExp | Refs) =>
  Object.defineProperty(shape, DERIVED, { value, enumerable: false })

function membersOf(shape: Shape): Member[] {
  const derived = shape as Derived
  let members = derived[DERIVED] as Member[] | undefined
  if (!members) {
    const byName = shape.m as Record<string, string>
    members = Object.keys(byName).map((name) => ({
      name,
      shape: shapeOf(byName[name] as string),
      required: shape.r?.includes(name) ?? false,
      key: lowerFirst(name),
    }))
    keep(derived, members)
  }
  return members
}

/** The shapes a list or a map refers to, looked up in the model's table once. */
function refsOf(shape: Shape): Refs {
  const derived = shape as Derived
  let refs = derived[DERIVED] as Refs | undefined
  if (!refs) {
    refs =
      shape.t === 'L'
        ? { element: shapeOf(shape.m as string) }
        : { key: shapeOf(shape.k as string), value: shapeOf(shape.v as string) }
    keep(derived, refs)
  }
  return refs
}

/** Checks `value` against `shape`; its path is `key` under `parent`, built only for a message or a nested value. */
function check(shape: Shape, value: unknown, parent: string, key: string, errors: string[]): void {
  if (shape.t === 'S') checkStructure(shape, asStructure(value), join(parent, key), errors)
  else if (shape.t === 'L') checkList(shape, asList(value), join(parent, key), errors)
  else if (shape.t === 'M') checkMap(shape, asMap(value), join(parent, key), errors)
  else if (shape.t !== 'D') {
    checkScalarType(shape, value)
    const found = violations(shape, value)
    if (found === NONE) return
    const path = join(parent, key)
    for (const message of found) errors.push(failure(path, value, shape, message))
  }
}

function checkStructure(shape: Shape, value: Record<string, unknown>, path: string, errors: string[]): void {
  dropIgnored(value, shape.m as Record<string, string>)
  for (const member of membersOf(shape)) {
    const memberValue = value[member.name]
    if (memberValue === undefined || memberValue === null) {
      if (member.required)
        errors.push(
          `Value null at '${join(path, member.key)}' failed to satisfy constraint: Member must not be null`,
        )
    } else {
      check(member.shape, memberValue, path, member.key, errors)
    }
  }
}

/**
 * AWS's deserializer reads only the members the model defines and treats `null` as absent, so the operations never
 * see either: dropping them here keeps `null`s out of `=== undefined` checks and unknown (possibly huge or deeply
 * nested) members out of the state.
 */
function dropIgnored(value: Record<string, unknown>, members: Record<string, string>): void {
  for (const key of Object.keys(value)) {
    if (value[key] === null || !Object.hasOwn(members, key)) delete value[key]
  }
}

function checkList(shape: Shape, value: unknown[], path: string, errors: string[]): void {
  // Null elements are dropped like null members, so that operations never meet them.
  for (let i = value.length - 1; i >= 0; i--) if (value[i] === null) value.splice(i, 1)
  for (const message of lengthViolations(shape, value.length))
    errors.push(failure(path, value, shape, message))
  const element = refsOf(shape).element as Shape
  if (element.t === 'S' || element.t === 'L' || element.t === 'M') {
    value.forEach((item, i) => {
      check(element, item, path, `${i + 1}.member`, errors)
    })
    return
  }
  let failed = false
  for (const item of value) {
    checkScalarType(element, item)
    failed ||= violations(element, item).length > 0
  }
  if (failed)
    errors.push(failure(path, value, element, `Member must satisfy constraint: [${describe(element)}]`))
}

function checkMap(shape: Shape, value: Record<string, unknown>, path: string, errors: string[]): void {
  let keys = Object.keys(value)
  let dropped = false
  for (const k of keys) {
    if (value[k] === null) {
      delete value[k]
      dropped = true
    }
  }
  if (dropped) keys = Object.keys(value)
  for (const message of lengthViolations(shape, keys.length))
    errors.push(failure(path, value, shape, message))
  const { key, value: valueShape } = refsOf(shape) as Required<Refs>
  let badKey = false
  for (const k of keys) {
    if (violations(key, k).length > 0) {
      badKey = true
      break
    }
  }
  if (badKey) {
    errors.push(failure(path, value, valueShape, `Map keys must satisfy constraint: [${describe(key)}]`))
  }
  if (valueShape.t === 'S' || valueShape.t === 'L' || valueShape.t === 'M') {
    for (const k of keys) check(valueShape, value[k], path, k, errors)
    return
  }
  let failed = false
  for (const k of keys) {
    checkScalarType(valueShape, value[k])
    failed ||= violations(valueShape, value[k]).length > 0
  }
  if (failed)
    errors.push(
      failure(path, value, valueShape, `Map value must satisfy constraint: [${describe(valueShape)}]`),
    )
}

// ---- Constraints, in AWS's words ----

function violations(shape: Shape, value: unknown): readonly string[] {
  if (typeof value === 'string' && shape.t === 's') {
    const length = lengthViolations(shape, value.length)
    const badPattern = shape.p !== undefined && !patternOf(shape).test(value)
    const badEnum = shape.e !== undefined && !shape.e.includes(value)
    if (length === NONE && !badPattern && !badEnum) return NONE
    const found = [...length]
    if (badPattern) found.push(patternMessage(shape.p!))
    if (badEnum) found.push(enumMessage(shape.e!))
    return found
  }
  if (typeof value === 'number') {
    if (inRange(shape, value)) return NONE
    const found: string[] = []
    if (shape.n !== undefined && value < shape.n)
      found.push(`Member must have value greater than or equal to ${shape.n}`)
    if (shape.x !== undefined && value > shape.x)
      found.push(`Member must have value less than or equal to ${shape.x}`)
    return found
  }
  return NONE
}

/** Whether a number (or a length) is within the shape's minimum and maximum. */
const inRange = (shape: Shape, n: number): boolean =>
  (shape.n === undefined || n >= shape.n) && (shape.x === undefined || n <= shape.x)

function lengthViolations(shape: Shape, length: number): readonly string[] {
  if (inRange(shape, length)) return NONE
  const found: string[] = []
  if (shape.n !== undefined && length < shape.n)
    found.push(`Member must have length greater than or equal to ${shape.n}`)
  if (shape.x !== undefined && length > shape.x)
    found.push(`Member must have length less than or equal to ${shape.x}`)
  return found
}

const patternMessage = (p: string) => `Member must satisfy regular expression pattern: ${p}`
const enumMessage = (values: string[]) => `Member must satisfy enum value set: [${values.join(', ')}]`

/** Every constraint of a list element or map entry, as AWS lists them inside `[...]`. */
function describe(shape: Shape): string {
  const parts: string[] = []
  const unit = shape.t === 's' ? 'length' : 'value'
  if (shape.x !== undefined) parts.push(`Member must have ${unit} less than or equal to ${shape.x}`)
  if (shape.n !== undefined) parts.push(`Member must have ${unit} greater than or equal to ${shape.n}`)
  if (shape.p !== undefined) parts.push(patternMessage(shape.p))
  if (shape.e) parts.push(enumMessage(shape.e))
  return parts.join(', ')
}

function failure(path: string, value: unknown, shape: Shape, message: string): string {
  const shown = shape.s ? '' : ` '${render(value)}'`
  return `Value${shown} at '${path}' failed to satisfy constraint: ${message}`
}

/**
 * A value as AWS's (Java) messages print it: lists as `[a, b]`, maps and structures as `{k=v}`. Nesting deeper
 * than any model shape (only a malformed input has it) is cut short, so that rendering cannot exhaust the stack.
 */
function render(value: unknown, depth = 0): string {
  if (depth > 32 && value !== null && typeof value === 'object') return '...'
  if (Array.isArray(value)) return `[${value.map((v) => render(v, depth + 1)).join(', ')}]`
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${render(v, depth + 1)}`)
      .join(', ')}}`
  }
  return String(value)
}

/** A string shape's pattern (Java syntax) as a JS regex that must match the whole value; `\p{L}` needs `u`. */
function patternOf(shape: Shape): RegExp {
  const derived = shape as Derived
  let re = derived[DERIVED] as RegExp | undefined
  if (!re) {
    try {
      re = new RegExp(`^(?:${shape.p})$`, 'u')
    } catch {
      re = new RegExp(`^(?:${shape.p})$`)
    }
    keep(derived, re)
  }
  return re
}

// ---- JSON types: a mismatch is a SerializationException, in the words of AWS's JSON deserializer ----

const serialization = (message: string) => new CognitoError('SerializationException', message)
const LIST_FOUND = 'Start of list found where not expected'
const STRUCTURE_FOUND = 'Start of structure or map found where not expected.'
const NUMBER_CLASS = 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber'
const JAVA_TYPE: Partial<Record<Shape['t'], string>> = { i: 'Integer', l: 'Long', d: 'Double' }

function checkScalarType(shape: Shape, value: unknown): void {
  if (Array.isArray(value)) throw serialization(LIST_FOUND)
  if (value !== null && typeof value === 'object') throw serialization(STRUCTURE_FOUND)
  const type = typeof value
  switch (shape.t) {
    case 's':
      if (type === 'boolean') throw serialization('class java.lang.Boolean can not be converted to an String')
      if (type === 'number') throw serialization(`${NUMBER_CLASS} can not be converted to an String`)
      return
    case 'b':
      if (type === 'number') throw serialization(`${NUMBER_CLASS} can not be converted to an Boolean`)
      if (type === 'string')
        throw serialization(`'${String(value).toUpperCase()}' can not be converted to an Boolean`)
      return
    case 't':
      if (type === 'boolean')
        throw serialization('class java.lang.Boolean can not be converted to milliseconds since epoch')
      if (type === 'string')
        throw serialization('class java.lang.String can not be converted to milliseconds since epoch')
      return
    case 'B':
      if (type === 'boolean') throw serialization('class java.lang.Boolean can not be converted to a Blob')
      if (type === 'number') throw serialization(`${NUMBER_CLASS} can not be converted to a Blob`)
      return
    default: {
      const javaType = JAVA_TYPE[shape.t] ?? 'Integer'
      if (type === 'boolean')
        throw serialization(`class java.lang.Boolean can not be converted to an ${javaType}`)
      if (type === 'string')
        throw serialization(`class java.lang.String can not be converted to an ${javaType}`)
    }
  }
}

function asStructure(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) throw serialization(LIST_FOUND)
  if (typeof value !== 'object' || value === null) throw serialization('Expected null')
  return value as Record<string, unknown>
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value === 'object' && value !== null) throw serialization(STRUCTURE_FOUND)
  throw serialization('Expected list or null')
}

function asMap(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) throw serialization(LIST_FOUND)
  if (typeof value !== 'object' || value === null) throw serialization('Expected map or null')
  return value as Record<string, unknown>
}
