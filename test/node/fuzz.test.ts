import fc from 'fast-check'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Context } from '../../src/core/context.ts'
import { dispatch, TARGET_PREFIX, type WireResponse } from '../../src/core/dispatch.ts'
import { secretHash } from '../../src/core/secret-hash.ts'
import { emptyState, normalizeState, type State } from '../../src/core/state.ts'
import { createHandlers } from '../../src/handlers.ts'
import { MODEL } from '../../src/model/generated.ts'
import { ALL_OPERATIONS, operationErrors } from '../../src/model/operations.ts'
import type { Shape } from '../../src/model/shape.ts'
import { operations } from '../../src/operations/index.ts'
import { checkInvariants, newSeen, noteNames, type Seen } from '../support/invariants.ts'

// Property-based fuzzing of every emulated operation (the operation table, so new ones are covered as they land).
// Inputs are built from the API model around real ids of a seeded state, then mutated. Every answer must be a 200
// or an AWS-shaped error the model lists for the operation, and the state invariants must hold after every call.
// Most cases call the dispatcher directly (fast); a share goes through HTTP and MSW to cover the wire.

const ENDPOINT = 'http://localhost:4566'
const PASSWORD = 'Correct-Horse-1'
const PROTOCOL_ERRORS = ['SerializationException', 'UnknownOperationException', 'InvalidParameterException']
const EMULATED = Object.keys(operations).sort()
const NOT_EMULATED = [...ALL_OPERATIONS].filter((name) => !operations[name]).sort()
const MIN_CASES = 10_000
/** Fixed by the environment for reproduction, e.g. FUZZ_SEED=123 npx vitest run ... */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined

const clock = { ms: Date.UTC(2030, 0, 1) }
const ctx: Context = {
  state: emptyState(),
  region: 'us-east-1',
  accountId: '123456789012',
  now: () => new Date(clock.ms),
}
const server = setupServer(...createHandlers(ctx, [ENDPOINT]))
const notEmulatedFeatures = new Set<string>()
const stats = {
  cases: 0,
  ok: new Map<string, number>(),
  errors: new Map<string, number>(),
  skipped: new Map<string, number>(),
}

// ---- The seeded state ----

interface Seed {
  state: State
  clock: number
  pools: string[]
  clients: string[]
  secrets: Record<string, string>
  usernames: string[]
  groups: string[]
  accessTokens: string[]
  idTokens: string[]
  refreshTokens: string[]
  sessions: string[]
}

let seed: Seed

/** Responses and inputs read loosely: their shapes are the API model's, checked elsewhere. */
// biome-ignore lint/suspicious/noExplicitAny: JSON read by member name
type Loose = Record<string, any>
type Indexable = Record<string | number, unknown>

async function must(op: string, input: Record<string, unknown>): Promise<Loose> {
  const res = await dispatch(ctx, TARGET_PREFIX + op, JSON.stringify(input))
  if (res.status !== 200) throw new Error(`Seeding ${op} failed: ${JSON.stringify(res.body)}`)
  return res.body as Loose
}

const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']

async function seedState(): Promise<Seed> {
  const a = (
    await must('CreateUserPool', {
      PoolName: 'fuzz-a',
      UsernameConfiguration: { CaseSensitive: false },
      AliasAttributes: ['email', 'preferred_username'],
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'team', AttributeDataType: 'String', Mutable: true }],
    })
  ).UserPool.Id as string
  const b = (
    await must('CreateUserPool', {
      PoolName: 'fuzz-b',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
    })
  ).UserPool.Id as string
  const client = async (pool: string, name: string, extra: Record<string, unknown> = {}) =>
    (
      await must('CreateUserPoolClient', {
        UserPoolId: pool,
        ClientName: name,
        ExplicitAuthFlows: FLOWS,
        ...extra,
      })
    ).UserPoolClient as { ClientId: string; ClientSecret?: string }
  const aPublic = await client(a, 'public', { EnableTokenRevocation: true })
  const aSecret = await client(a, 'secret', { GenerateSecret: true })
  const aShort = await client(a, 'short-lived', {
    AccessTokenValidity: 5,
    TokenValidityUnits: { AccessToken: 'minutes' },
    ReadAttributes: ['email', 'name'],
    WriteAttributes: ['name'],
  })
  const bPublic = await client(b, 'public')

  const user = async (
    pool: string,
    Username: string,
    attributes: Record<string, string>,
    permanent = true,
  ) => {
    await must('AdminCreateUser', {
      UserPoolId: pool,
      Username,
      TemporaryPassword: PASSWORD,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    })
    if (permanent) {
      await must('AdminSetUserPassword', { UserPoolId: pool, Username, Password: PASSWORD, Permanent: true })
    }
  }
  await user(a, 'alice', { email: 'alice@example.com', email_verified: 'true', name: 'Alice' })
  await user(a, 'bob', { email: 'bob@example.com' }, false)
  await user(a, 'Dävé', { preferred_username: 'dave', 'custom:team': 'blue' })
  await must('SignUp', {
    ClientId: aPublic.ClientId,
    Username: 'carol',
    Password: PASSWORD,
    UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
  })
  await user(b, 'erin@example.com', { email_verified: 'true' })

  for (const [GroupName, Precedence] of [
    ['admins', 1],
    ['editors', 2],
    ['readers', 3],
  ] as const) {
    await must('CreateGroup', {
      UserPoolId: a,
      GroupName,
      Precedence,
      RoleArn: `arn:aws:iam::123456789012:role/${GroupName}`,
    })
  }
  await must('CreateGroup', { UserPoolId: b, GroupName: 'admins' })
  for (const [Username, GroupName] of [
    ['alice', 'admins'],
    ['alice', 'editors'],
    ['Dävé', 'readers'],
    ['carol', 'readers'],
  ]) {
    await must('AdminAddUserToGroup', { UserPoolId: a, Username, GroupName })
  }
  await must('AdminAddUserToGroup', { UserPoolId: b, Username: 'erin@example.com', GroupName: 'admins' })

  const signIn = async (ClientId: string, USERNAME: string, secret?: string) =>
    (
      await must('InitiateAuth', {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId,
        AuthParameters: {
          USERNAME,
          PASSWORD,
          ...(secret ? { SECRET_HASH: secretHash(secret, USERNAME, ClientId) } : {}),
        },
      })
    ).AuthenticationResult as { AccessToken: string; IdToken: string; RefreshToken: string }
  const alice = await signIn(aPublic.ClientId, 'alice')
  const aliceSecret = await signIn(aSecret.ClientId, 'alice', aSecret.ClientSecret)
  const dave = await signIn(aShort.ClientId, 'dave')
  const erin = await signIn(bPublic.ClientId, 'erin@example.com')
  const bob = await must('InitiateAuth', {
    AuthFlow: 'USER_PASSWORD_AUTH',
    ClientId: aPublic.ClientId,
    AuthParameters: { USERNAME: 'bob', PASSWORD },
  })

  const subs = Object.values(ctx.state.pools).flatMap((p) =>
    Object.values(p.users).map((u) => u.attributes.sub!),
  )
  const signedIn = [alice, aliceSecret, dave, erin]
  return {
    state: structuredClone(ctx.state),
    clock: clock.ms,
    pools: [a, b, 'us-east-1_Missing1', 'eu-west-1_AbC123'],
    clients: [
      aPublic.ClientId,
      aSecret.ClientId,
      aShort.ClientId,
      bPublic.ClientId,
      'abcdefghijklmnopqrstuvwxyz',
    ],
    secrets: { [aSecret.ClientId]: aSecret.ClientSecret! },
    usernames: [
      'alice',
      'ALICE',
      'bob',
      'carol',
      'Dävé',
      'DÄVÉ',
      'dave',
      'alice@example.com',
      'erin@example.com',
      'ERIN@example.com',
      'nobody',
      ...subs,
    ],
    groups: ['admins', 'Editors', 'readers', 'ghosts'],
    accessTokens: signedIn.map((t) => t.AccessToken),
    idTokens: signedIn.map((t) => t.IdToken),
    refreshTokens: signedIn.map((t) => t.RefreshToken),
    sessions: [bob.Session as string],
  }
}

function restoreSeed(): Seen {
  ctx.state = normalizeState(structuredClone(seed.state))
  clock.ms = seed.clock
  return newSeen()
}

// ---- Inputs from the model ----

/** A value decided when the call runs, from what the sequence has produced so far (codes, tokens, sessions). */
const late = (what: string) => `\u0001late:${what}`
/** A raw JSON text spliced into the body where this marker stands (deep nesting that JSON.stringify cannot make). */
const RAW = '\u0001raw'

const ATTRIBUTE_NAMES = [
  'email',
  'email_verified',
  'phone_number',
  'phone_number_verified',
  'name',
  'preferred_username',
  'custom:team',
  'custom:missing',
  'sub',
  'address',
  'birthdate',
  'updated_at',
]
const ATTRIBUTE_VALUES = [
  'alice@example.com',
  'carol@example.com',
  'new@example.com',
  'DAVE',
  'dave',
  '+15555550100',
  'true',
  'false',
  'Zoë',
  '1700000000',
  '',
]
const AUTH_KEYS = [
  'USERNAME',
  'PASSWORD',
  'SECRET_HASH',
  'REFRESH_TOKEN',
  'NEW_PASSWORD',
  'SRP_A',
  'DEVICE_KEY',
  'PREFERRED_CHALLENGE',
  'userAttributes.name',
  'ANSWER',
]
/** Names a plain object inherits: looked up as ids or names, they must not find anything. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']
const FILTERS = [
  'email = "alice@example.com"',
  'username ^= "a"',
  'status = "Enabled"',
  'cognito:user_status = "CONFIRMED"',
  'sub = "nope"',
  'name ^= ""',
  'email =',
  'bogus',
]

function hints(): Record<string, fc.Arbitrary<unknown>> {
  const pick = <T>(values: readonly T[]) => fc.constantFrom(...values)
  const username = fc.oneof({ arbitrary: pick(seed.usernames), weight: 9 }, pick(PROTOTYPE_NAMES))
  const password = pick([PASSWORD, 'New-Passw0rd!', 'short', 'alllowercase1!', 'Correct-Horse-2'])
  const authValue = fc.oneof(
    username,
    password,
    pick(seed.refreshTokens),
    pick([late('secretHash'), late('refreshToken'), 'USER_PASSWORD', 'x']),
  )
  const attribute = fc.record({ Name: pick(ATTRIBUTE_NAMES), Value: pick(ATTRIBUTE_VALUES) })
  const randomParams = fc.dictionary(pick(AUTH_KEYS), authValue, { maxKeys: 4 })
  const signedUp = pick(['alice', 'dave', 'erin@example.com', 'Dävé'])
  const authParameters = fc.oneof(
    { weight: 3, arbitrary: fc.record({ USERNAME: signedUp, PASSWORD: fc.constant(PASSWORD) }) },
    fc.record({ USERNAME: username, PASSWORD: password, SECRET_HASH: pick([late('secretHash')]) }),
    fc.record({ USERNAME: username, PASSWORD: password }),
    fc.record({ REFRESH_TOKEN: fc.oneof(pick(seed.refreshTokens), pick([late('refreshToken')])) }),
    randomParams,
  )
  const challengeResponses = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({ USERNAME: fc.constant('bob'), NEW_PASSWORD: fc.constant('New-Passw0rd!') }),
    },
    fc.record({ USERNAME: username, NEW_PASSWORD: password, SECRET_HASH: pick([late('secretHash')]) }),
    fc.record({ USERNAME: pick(['bob']), NEW_PASSWORD: password }),
    randomParams,
  )
  return {
    UserPoolId: fc.oneof({ arbitrary: pick(seed.pools.slice(0, 2)), weight: 9 }, pick(seed.pools.slice(2))),
    ClientId: fc.oneof({ arbitrary: pick(seed.clients), weight: 9 }, pick(PROTOTYPE_NAMES)),
    Username: username,
    GroupName: fc.oneof({ arbitrary: pick(seed.groups), weight: 9 }, pick(PROTOTYPE_NAMES)),
    AccessToken: fc.oneof(
      { arbitrary: pick(seed.accessTokens), weight: 4 },
      { arbitrary: pick([late('accessToken')]), weight: 2 },
      pick(seed.idTokens),
      pick(['not.a.token', 'eyJhbGciOiJub25lIn0.e30.']),
    ),
    RefreshToken: fc.oneof(pick(seed.refreshTokens), pick([late('refreshToken')])),
    Token: fc.oneof(pick(seed.refreshTokens), pick(seed.accessTokens)),
    Session: fc.oneof(pick(seed.sessions), pick([late('session')])),
    Password: password,
    ProposedPassword: password,
    PreviousPassword: password,
    TemporaryPassword: password,
    Code: fc.oneof(pick([late('code')]), pick(['123456', '000000'])),
    ConfirmationCode: fc.oneof(pick([late('code')]), pick(['123456', '000000'])),
    SecretHash: pick([late('secretHash'), 'bm9wZQ==']),
    AttributeName: pick(ATTRIBUTE_NAMES),
    UserAttributes: fc.array(attribute, { maxLength: 3 }),
    UserAttributeNames: fc.array(pick(ATTRIBUTE_NAMES), { maxLength: 3 }),
    AttributesToGet: fc.array(pick(ATTRIBUTE_NAMES), { maxLength: 3 }),
    AuthParameters: authParameters,
    ChallengeResponses: challengeResponses,
    AuthFlow: pick(['USER_PASSWORD_AUTH', 'ADMIN_USER_PASSWORD_AUTH', 'REFRESH_TOKEN_AUTH', 'USER_SRP_AUTH']),
    ChallengeName: pick(['NEW_PASSWORD_REQUIRED', 'SMS_MFA']),
    Filter: pick(FILTERS),
    ExplicitAuthFlows: fc.subarray([
      ...FLOWS,
      'ALLOW_USER_SRP_AUTH',
      'ADMIN_NO_SRP_AUTH',
      'USER_PASSWORD_AUTH',
    ]),
    ReadAttributes: fc.subarray(ATTRIBUTE_NAMES),
    WriteAttributes: fc.subarray(ATTRIBUTE_NAMES),
    RoleArn: pick(['arn:aws:iam::123456789012:role/x', 'arn:aws:iam::123456789012:role/admins']),
  }
}

const ALNUM = [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789']

function valueArbitrary(
  shapeName: string,
  memberName: string,
  hinted: Record<string, fc.Arbitrary<unknown>>,
  depth: number,
): fc.Arbitrary<unknown> {
  const hint = hinted[memberName]
  const generic = shapeArbitrary(MODEL.shapes[shapeName] as Shape, hinted, depth)
  return hint ? fc.oneof({ arbitrary: hint, weight: 5 }, { arbitrary: generic, weight: 1 }) : generic
}

function shapeArbitrary(
  shape: Shape,
  hinted: Record<string, fc.Arbitrary<unknown>>,
  depth: number,
): fc.Arbitrary<unknown> {
  switch (shape.t) {
    case 's': {
      if (shape.e) return fc.constantFrom(...shape.e)
      const minLength = shape.n ?? 0
      const maxLength = Math.max(minLength, Math.min(shape.x ?? 24, 24))
      return fc.string({ unit: fc.constantFrom(...ALNUM), minLength, maxLength })
    }
    case 'i':
    case 'l':
    case 'd': {
      const min = shape.n ?? 0
      return fc.integer({ min, max: Math.max(min, Math.min(shape.x ?? min + 1000, min + 100_000)) })
    }
    case 'b':
      return fc.boolean()
    case 't':
      return fc.integer({ min: 0, max: 2_000_000_000 })
    case 'B':
      return fc.base64String({ maxLength: 16 })
    case 'D':
      return fc.jsonValue({ maxDepth: 2 })
    case 'L': {
      if (depth > 4) return fc.constant([])
      const element = valueArbitrary(shape.m as string, '', hinted, depth + 1)
      const minLength = shape.n ?? 0
      return fc.array(element, { minLength, maxLength: Math.max(minLength, Math.min(shape.x ?? 3, 3)) })
    }
    case 'M': {
      if (depth > 4) return fc.constant({})
      const key = shapeArbitrary(
        MODEL.shapes[shape.k as string] as Shape,
        hinted,
        depth + 1,
      ) as fc.Arbitrary<string>
      return fc.dictionary(key, valueArbitrary(shape.v as string, '', hinted, depth + 1), { maxKeys: 3 })
    }
    case 'S': {
      if (depth > 4) return fc.constant({})
      const members = shape.m as Record<string, string>
      const model: Record<string, fc.Arbitrary<unknown>> = {}
      for (const [name, memberShape] of Object.entries(members)) {
        const value = valueArbitrary(memberShape, name, hinted, depth + 1)
        // Optional members are left out most of the time, so that most inputs stay close to valid ones.
        model[name] = shape.r?.includes(name)
          ? value
          : fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value })
      }
      return fc.record(model)
    }
  }
}

// ---- Mutations ----

const WEIRD_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\uD800',
  'e\u0301',
  'İstanbul',
  'ß',
  '\u202Eevil',
  '👩‍💻👩‍💻',
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  '"; DROP TABLE users; --',
  '%s%n',
  '𝕬𝖑𝖎𝖈𝖊',
]

const weird: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, [], {}),
  fc.constantFrom(...WEIRD_STRINGS),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom('a'.repeat(257), 'x'.repeat(2049), 'y'.repeat(70_000)),
  fc.jsonValue({ maxDepth: 3 }),
  fc.nat({ max: 20_000 }).map((n) => ({ [RAW]: '['.repeat(n) + ']'.repeat(n) })),
  fc.nat({ max: 20_000 }).map((n) => ({ [RAW]: `${'{"a":'.repeat(n)}1${'}'.repeat(n)}` })),
)

interface Mutation {
  kind: 'replace' | 'delete' | 'extra'
  at: number
  key: string
  value: unknown
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom('replace', 'replace', 'delete', 'extra'),
  at: fc.nat(),
  key: fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'Extra', 'UserPoolId'),
    fc.string({ maxLength: 8 }),
  ),
  value: weird,
})

type Container = Record<string, unknown> | unknown[]

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && !(RAW in v)

/** Every container in the tree with each of its keys, root members first. */
function slots(root: Container): [Container, string | number][] {
  const found: [Container, string | number][] = []
  const walk = (node: unknown) => {
    if (Array.isArray(node))
      node.forEach((v, i) => {
        found.push([node, i])
        walk(v)
      })
    else if (node && typeof node === 'object' && !(RAW in node))
      for (const [k, v] of Object.entries(node)) {
        found.push([node as Container, k])
        walk(v)
      }
  }
  walk(root)
  return found
}

function mutate(input: Record<string, unknown>, mutations: Mutation[]): Record<string, unknown> {
  const root = structuredClone(input)
  for (const m of mutations) {
    const all = slots(root)
    if (m.kind === 'extra' || all.length === 0) {
      const objects = [root, ...all.map(([c, k]) => (c as Indexable)[k]).filter(isPlainObject)]
      const target = objects[m.at % objects.length] as Record<string, unknown>
      if (!(RAW in target))
        Object.defineProperty(target, m.key, {
          value: structuredClone(m.value),
          enumerable: true,
          writable: true,
          configurable: true,
        })
      continue
    }
    const [container, key] = all[m.at % all.length]!
    if (m.kind === 'delete') {
      if (Array.isArray(container)) container.splice(key as number, 1)
      else delete container[key as string]
    } else (container as Indexable)[key] = structuredClone(m.value)
  }
  return root
}

// ---- Running a call ----

interface Produced {
  accessToken?: string
  refreshToken?: string
  session?: string
}

function resolveLate(input: unknown, produced: Produced): unknown {
  if (typeof input === 'string' && input.startsWith('\u0001late:')) {
    const what = input.slice('\u0001late:'.length)
    if (what === 'code') return anyCode() ?? '123456'
    if (what === 'secretHash') return input
    return produced[what as keyof Produced] ?? seed.accessTokens[0]
  }
  if (Array.isArray(input)) return input.map((v) => resolveLate(v, produced))
  if (input && typeof input === 'object' && !(RAW in input)) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(input))
      Object.defineProperty(out, k, {
        value: resolveLate(v, produced),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    return out
  }
  return input
}

/** The code of the latest message Cognito "sent". */
function anyCode(): string | undefined {
  return ctx.state.outbox.findLast((m) => m.code !== undefined)?.code
}

/** SECRET_HASH / SecretHash markers become the right hash for the username and client the input names. */
function fillSecretHashes(input: Loose): void {
  const clientId = typeof input.ClientId === 'string' ? input.ClientId : ''
  const secret = Object.hasOwn(seed.secrets, clientId) ? seed.secrets[clientId] : undefined
  const hash = (username: unknown) =>
    secret && typeof username === 'string' ? secretHash(secret, username, clientId) : 'bm9wZQ=='
  if (input.SecretHash === late('secretHash')) input.SecretHash = hash(input.Username)
  for (const params of [input.AuthParameters, input.ChallengeResponses]) {
    if (params && typeof params === 'object' && params.SECRET_HASH === late('secretHash'))
      params.SECRET_HASH = hash(params.USERNAME)
  }
}

function bodyText(input: unknown): string {
  const raws: string[] = []
  const text = JSON.stringify(input, (_key, value) => {
    if (value && typeof value === 'object' && RAW in value) {
      raws.push(value[RAW])
      return `\u0002${raws.length - 1}\u0002`
    }
    return value
  })
  return text.replace(/"\\u0002(\d+)\\u0002"/g, (_m, i) => raws[Number(i)]!)
}

/**
 * Errors an operation answers with that the API model does not list for it: ones AWS documents elsewhere, and ones
 * found by this fuzzing in operations other engineers are still writing (accepted so the search goes on; each is
 * reported to the owner).
 */
const OFF_MODEL_ERRORS: Record<string, string[]> = {
  // AdminListDevices {"UserPoolId":"<pool>","Username":"<unknown>"} → UserNotFoundException (src/operations/devices)
  AdminListDevices: ['UserNotFoundException'],
  // An alias another user holds (a verified email or phone number, or any preferred_username). The API reference's
  // ForceAliasCreation: "If this parameter is set to False, the API throws an AliasExistsException error if the
  // alias already exists." Found with FUZZ_SEED=-1301668368.
  AdminCreateUser: ['AliasExistsException'],
}

function allowedErrors(op: string): Set<string> {
  return new Set([...operationErrors(op), ...PROTOCOL_ERRORS, ...(OFF_MODEL_ERRORS[op] ?? [])])
}

function checkResponse(op: string, res: WireResponse): void {
  const body = res.body as Record<string, unknown>
  if (res.status === 200) {
    if (!body || typeof body !== 'object' || Array.isArray(body))
      throw new Error(`${op}: 200 without an object`)
    count(stats.ok, op)
    return
  }
  const { __type, message } = body
  if (typeof __type !== 'string' || typeof message !== 'string' || res.errorType !== __type)
    throw new Error(`${op}: error is not AWS-shaped: ${res.status} ${JSON.stringify(body)}`)
  count(stats.errors, `${op} ${__type}`)
  if (res.status === 501) {
    // A not-emulated operation, or a flow or challenge of an emulated one that is not emulated yet (SRP, OTP, ...).
    const feature = / is not emulated by cognito-msw/.test(message)
    if (__type !== 'NotImplementedException' || (operations[op] && !feature))
      throw new Error(`${op}: 501 ${__type} for an emulated operation: ${message}`)
    if (operations[op]) notEmulatedFeatures.add(message)
    return
  }
  if (res.status !== 400) throw new Error(`${op}: status ${res.status}: ${JSON.stringify(body)}`)
  const allowed = ALL_OPERATIONS.has(op) ? allowedErrors(op) : new Set(['UnknownOperationException'])
  if (!allowed.has(__type)) throw new Error(`${op}: ${__type} is not in the model's errors: ${message}`)
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1)
}

function noteInput(seen: Seen, body: string): void {
  try {
    noteNames(seen, JSON.parse(body))
  } catch {}
}

function remember(res: WireResponse | undefined, produced: Produced): void {
  if (res?.status !== 200) return
  const body = res.body as Loose
  const result = body.AuthenticationResult
  if (result?.AccessToken) produced.accessToken = result.AccessToken
  if (result?.RefreshToken) produced.refreshToken = result.RefreshToken
  if (typeof body.Session === 'string') produced.session = body.Session
}

/**
 * Crashes found by this fuzzing in files other engineers are still writing, each with its minimal reproduction.
 * Inputs that match are not sent, so the rest of the search goes on; `known bugs` below keeps each one visible.
 */
/** Inputs that crash for a reason not yet fixed, each with a minimal reproduction. Empty: keep it so. */
const KNOWN_BUGS: { repro: string; matches: (op: string, input: Record<string, unknown>) => boolean }[] = []

function knownBug(op: string, body: string): boolean {
  let input: unknown
  try {
    input = JSON.parse(body)
  } catch {
    return false
  }
  if (!input || typeof input !== 'object') return false
  const bug = KNOWN_BUGS.find((b) => b.matches(op, input as Record<string, unknown>))
  if (bug) count(stats.skipped, bug.repro)
  return bug !== undefined
}

async function run(op: string, body: string, seen: Seen): Promise<WireResponse | undefined> {
  if (knownBug(op, body)) return undefined
  stats.cases++
  noteInput(seen, body)
  const res = await dispatch(ctx, TARGET_PREFIX + op, body)
  try {
    const polluted = Object.keys(Object.prototype)
    if (polluted.length > 0) {
      for (const k of polluted) delete (Object.prototype as Indexable)[k]
      throw new Error(`${op} polluted Object.prototype with ${polluted}`)
    }
    checkResponse(op, res)
    checkInvariants(ctx, seen)
  } catch (e) {
    if (!process.env.FUZZ_COLLECT) throw e
    collected.add(`${(e as Error).message.slice(0, 300)}\n   input: ${body.slice(0, 400)}`)
  }
  return res
}
const collected = new Set<string>()

// ---- Properties ----

type Step = { op: string; input: Record<string, unknown>; mutations: Mutation[] } | { tick: number }

function stepArbitrary(): fc.Arbitrary<Step> {
  const hinted = hints()
  const call = (op: string, weight: number) => {
    const shape = MODEL.shapes[MODEL.operations[op]![0]] as Shape
    return {
      weight,
      arbitrary: fc.record({
        op: fc.constant(op),
        input: shapeArbitrary(shape, hinted, 0) as fc.Arbitrary<Record<string, unknown>>,
        mutations: fc.oneof(
          { weight: 1, arbitrary: fc.constant<Mutation[]>([]) },
          { weight: 1, arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }) },
        ),
      }),
    }
  }
  return fc.oneof(...EMULATED.map((op) => call(op, 50)), ...NOT_EMULATED.map((op) => call(op, 1)), {
    weight: 25,
    arbitrary: fc.record({ tick: fc.constantFrom(1, 300, 3600, 86_400, 31 * 86_400) }),
  })
}

describe('fuzzing every emulated operation', () => {
  beforeAll(async () => {
    server.listen({ onUnhandledFrame: 'error' })
    seed = await seedState()
    checkInvariants(ctx)
  }, 60_000)
  afterAll(() => server.close())

  it('answers sequences of model-built and mutated inputs with 200 or a listed AWS error, keeping the state sound', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary(), { minLength: 1, maxLength: 8 }), async (steps) => {
        const seen = restoreSeed()
        checkInvariants(ctx, seen)
        const produced: Produced = {}
        for (const step of steps) {
          if ('tick' in step) {
            clock.ms += step.tick * 1000
            continue
          }
          const input = resolveLate(step.input, produced) as Record<string, unknown>
          fillSecretHashes(input)
          remember(await run(step.op, bodyText(mutate(input, step.mutations)), seen), produced)
        }
      }),
      { numRuns: 2000, seed: SEED },
    )
  }, 120_000)

  it('answers bodies that are not JSON objects with a protocol error', async () => {
    const target = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom(...EMULATED) },
      { weight: 1, arbitrary: fc.constantFrom(...NOT_EMULATED) },
      { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
    )
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.json({ maxDepth: 3 }),
      fc.constantFrom('null', '[]', '"x"', '1', 'true', '{', '{"UserPoolId":', '{}{}', '\uFEFF{}', ' '),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify({ UserPoolId: seed.pools[0], Extra: v })),
    )
    await fc.assert(
      fc.asyncProperty(target, text, async (op, body) => {
        const seen = restoreSeed()
        stats.cases++
        const res = await dispatch(ctx, op.length > 0 && /^[A-Z]/.test(op) ? TARGET_PREFIX + op : op, body)
        checkResponse(ALL_OPERATIONS.has(op) ? op : `unknown:${op}`, res)
        checkInvariants(ctx, seen)
      }),
      { numRuns: 2500, seed: SEED },
    )
  }, 60_000)

  it('answers HTTP requests with any content type, truncated or binary bodies with a 200 or an AWS-shaped error', async () => {
    const hinted = hints()
    const request = fc.constantFrom(...EMULATED).chain((op) =>
      fc.record({
        op: fc.constant(op),
        input: shapeArbitrary(MODEL.shapes[MODEL.operations[op]![0]] as Shape, hinted, 0),
        contentType: fc.constantFrom(
          'application/x-amz-json-1.1',
          'application/x-amz-json-1.0',
          'application/json',
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/octet-stream',
          undefined,
        ),
        cut: fc.option(fc.nat(), { nil: undefined }),
        binary: fc.option(fc.uint8Array({ maxLength: 64 }), { freq: 8, nil: undefined }),
        target: fc.constantFrom('exact', 'lowercase', 'missing', 'prefix-only'),
      }),
    )
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const seen = restoreSeed()
        stats.cases++
        const input = resolveLate(r.input, {}) as Record<string, unknown>
        fillSecretHashes(input)
        const full = bodyText(input)
        if (knownBug(r.op, full)) return
        const body = r.binary ?? (r.cut === undefined ? full : full.slice(0, r.cut % (full.length + 1)))
        const headers: Record<string, string> = {}
        if (r.contentType) headers['content-type'] = r.contentType
        const target = {
          exact: TARGET_PREFIX + r.op,
          lowercase: (TARGET_PREFIX + r.op).toLowerCase(),
          missing: undefined,
          'prefix-only': TARGET_PREFIX,
        }[r.target]
        if (target !== undefined) headers['x-amz-target'] = target
        const response = await fetch(`${ENDPOINT}/`, { method: 'POST', headers, body })
        const json = (await response.json()) as Record<string, unknown>
        const errorType = response.headers.get('x-amzn-errortype') ?? undefined
        if (response.headers.get('content-type') !== 'application/x-amz-json-1.1')
          throw new Error(`content type ${response.headers.get('content-type')}`)
        const op = r.target === 'exact' ? r.op : 'unknown:'
        checkResponse(op, { status: response.status, body: json, ...(errorType ? { errorType } : {}) })
        checkInvariants(ctx, seen)
      }),
      { numRuns: 300, seed: SEED },
    )
  }, 60_000)

  it(`ran at least ${MIN_CASES} cases and reached a success in most emulated operations`, () => {
    const neverOk = EMULATED.filter((op) => !stats.ok.has(op))
    if (process.env.FUZZ_STATS) {
      console.log(`${stats.cases} cases; never 200: ${neverOk.join(', ')}`)
      console.log([...collected].join('\n'))
      console.log([...stats.skipped].map(([k, v]) => `skipped ${v}: ${k}`).join('\n'))
      console.log(`501 for: ${[...notEmulatedFeatures].join(' | ')}`)
      console.log([...stats.ok].map(([k, v]) => `${k}=${v}`).join(' '))
      console.log(
        [...stats.errors]
          .sort()
          .map(([k, v]) => `${k}=${v}`)
          .join('\n'),
      )
    }
    expect(stats.cases).toBeGreaterThanOrEqual(MIN_CASES)
    // Operations that need state the seed does not make (devices, MFA) may stay out of reach for a while.
    expect(neverOk.length).toBeLessThanOrEqual(Math.ceil(EMULATED.length / 4))
  })

  // Regressions: each crashed once.
  it('does not crash on a client id named like an inherited property', async () => {
    const seen = restoreSeed()
    const res = await dispatch(
      ctx,
      `${TARGET_PREFIX}DescribeUserPoolClient`,
      JSON.stringify({ UserPoolId: seed.pools[0], ClientId: 'constructor' }),
    )
    checkResponse('DescribeUserPoolClient', res)
    checkInvariants(ctx, seen)
  })

  it('stores a user named __proto__ as a user', async () => {
    const seen = restoreSeed()
    const res = await dispatch(
      ctx,
      `${TARGET_PREFIX}AdminCreateUser`,
      JSON.stringify({ UserPoolId: seed.pools[0], Username: '__proto__', MessageAction: 'SUPPRESS' }),
    )
    checkResponse('AdminCreateUser', res)
    checkInvariants(ctx, seen)
  })

  it('does not crash on a SignUp without a password', async () => {
    restoreSeed()
    const res = await dispatch(
      ctx,
      `${TARGET_PREFIX}SignUp`,
      JSON.stringify({ ClientId: seed.clients[0], Username: 'nopassword' }),
    )
    checkResponse('SignUp', res)
  })
})
