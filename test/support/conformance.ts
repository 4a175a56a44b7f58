import * as sdk from '@aws-sdk/client-cognito-identity-provider'
import type { setupServer } from 'msw/node'

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'

/** A success response as it went over the wire: the operation and its raw JSON body. */
export interface RecordedResponse {
  operation: string
  body: unknown
}

/**
 * Records the raw body of every successful Cognito response MSW mocks from now on, whoever made the call (SDK,
 * fetch, Amplify). Await `settled()` before reading `responses`: bodies are read asynchronously.
 */
export function recordResponses(server: ReturnType<typeof setupServer>) {
  const responses: RecordedResponse[] = []
  const pending: Promise<void>[] = []
  server.events.on('response:mocked', ({ request, response }) => {
    const target = request.headers.get('x-amz-target')
    if (!target?.startsWith(TARGET_PREFIX) || response.status !== 200) return
    const operation = target.slice(TARGET_PREFIX.length)
    pending.push(
      response
        .clone()
        .text()
        .then((text) => {
          responses.push({ operation, body: JSON.parse(text) })
        }),
    )
  })
  return {
    responses,
    settled: () => Promise.all(pending).then(() => responses),
  }
}

// ---- The SDK's Smithy schemas: nested arrays, decoded just enough to check JSON types and member names ----

// biome-ignore lint/suspicious/noExplicitAny: Smithy schemas are untyped nested arrays
type Schema = any
const schemas = sdk as unknown as Record<string, Schema>
const deref = (s: Schema): Schema => (typeof s === 'function' ? s() : s)

/** The output schema of an operation, from the SDK's exported `<Operation>$` operation schema. */
export function outputSchema(operation: string): Schema {
  const op = schemas[`${operation}$`]
  if (!Array.isArray(op) || op[0] !== 9) throw new Error(`The SDK has no operation schema ${operation}$`)
  return deref(op[5])
}

/**
 * Every way a response body departs from the SDK's output schema: members AWS does not define, and JSON types
 * AWS would not send (timestamps are epoch-second numbers, blobs base64 strings, no nulls).
 */
export function conformanceProblems(operation: string, body: unknown): string[] {
  const problems: string[] = []
  const output = outputSchema(operation)
  if (output === 'unit') {
    if (!isObject(body) || Object.keys(body).length > 0) problems.push(`body: expected {}, got ${json(body)}`)
  } else {
    check(output, body, 'body', problems)
  }
  return problems
}

function check(ref: Schema, value: unknown, path: string, problems: string[]): void {
  let schema = deref(ref)
  if (Array.isArray(schema) && schema.length === 2 && typeof schema[1] === 'number') schema = deref(schema[0])
  if (value === null) return void problems.push(`${path}: null, which AWS never sends`)
  if (typeof schema === 'number') checkSimple(schema, value, path, problems)
  else if (schema[0] === 0) checkSimple(deref(schema[4]), value, path, problems)
  else if (schema[0] === 1) checkList(schema[4], value, path, problems)
  else if (schema[0] === 2) checkMap(schema[5], value, path, problems)
  else if (schema[0] === 3) checkStructure(schema, value, path, problems)
  else problems.push(`${path}: unexpected schema ${json(schema)}`)
}

function checkStructure(schema: Schema[], value: unknown, path: string, problems: string[]): void {
  if (!isObject(value))
    return void problems.push(`${path}: expected an object (${schema[2]}), got ${json(value)}`)
  const names: string[] = schema[4]
  const refs: Schema[] = schema[5]
  for (const [member, memberValue] of Object.entries(value)) {
    const i = names.indexOf(member)
    if (i < 0) problems.push(`${path}.${member}: not a member of ${schema[2]}`)
    else check(refs[i], memberValue, `${path}.${member}`, problems)
  }
}

function checkList(element: Schema, value: unknown, path: string, problems: string[]): void {
  if (!Array.isArray(value)) return void problems.push(`${path}: expected a list, got ${json(value)}`)
  value.forEach((item, i) => {
    check(element, item, `${path}[${i}]`, problems)
  })
}

function checkMap(valueSchema: Schema, value: unknown, path: string, problems: string[]): void {
  if (!isObject(value)) return void problems.push(`${path}: expected a map, got ${json(value)}`)
  for (const [k, v] of Object.entries(value)) check(valueSchema, v, `${path}.${k}`, problems)
}

function checkSimple(code: number, value: unknown, path: string, problems: string[]): void {
  if (code & 64) return void checkList(code & 63, value, path, problems)
  if (code & 128) return void checkMap(code & 63, value, path, problems)
  const expected =
    code === 0 || code === 21 || code === 42
      ? 'string'
      : code === 2
        ? 'boolean'
        : code === 15
          ? 'any'
          : 'number'
  if (expected !== 'any' && typeof value !== expected) {
    const what = code >= 4 && code <= 7 ? 'a timestamp (epoch seconds)' : `a ${expected}`
    problems.push(`${path}: expected ${what}, got ${json(value)}`)
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
const json = (v: unknown) => JSON.stringify(v)
