import { checkAliasUsername, checkUsernameAttributesUnique, claimAliases } from '../core/aliases.ts'
import { checkAttributes, checkRequiredAttributes } from '../core/attributes.ts'
import { type Context, nowSeconds } from '../core/context.ts'
import { uuid } from '../core/ids.ts'
import { addUser } from '../core/indexes.ts'
import type { PoolRecord, UserRecord } from '../core/state.ts'
import { newUsername, usernameAttributes } from '../core/users.ts'
import { validateInput } from '../model/validate.ts'
import { operations } from '../operations/index.ts'
import type { SeedClient, SeedGroup, SeedMfa, SeedPool, SeedUser } from './seed-types.ts'

/** A seed entry that cannot be applied; its message starts with the entry's path, e.g. `pools[0].users[2].password`. */
export class SeedError extends Error {}

const POOL_KEYS = ['id', 'name', 'mfa', 'clients', 'groups', 'users']
const CLIENT_KEYS = ['id', 'name']
const GROUP_KEYS = ['name', 'description', 'precedence', 'roleArn']
const USER_KEYS = ['username', 'password', 'attributes', 'status', 'enabled', 'groups', 'mfa']
const STATUSES = ['CONFIRMED', 'UNCONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED']
const MFA_FACTORS = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']
const POOL_ID = /^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9a-zA-Z]{1,55}$/
const CLIENT_ID = /^[\w+]{1,128}$/

/**
 * Builds the state a seed describes, synchronously, through the operations themselves (CreateUserPool,
 * CreateUserPoolClient, CreateGroup, AdminSetUserPassword, AdminAddUserToGroup, ...), so AWS's defaults and
 * validation apply. Users are created with AdminCreateUser's checks but no invitation and no triggers.
 * Throws a `SeedError` naming the first bad entry.
 */
export function applySeed(ctx: Context, seed: unknown): void {
  const root = record(seed, 'seed')
  onlyKeys(root, ['pools'], 'seed', () => false)
  list(root.pools, 'pools').forEach((pool, i) => {
    seedPool(ctx, record(pool, `pools[${i}]`) as SeedPool, `pools[${i}]`)
  })
}

function seedPool(ctx: Context, entry: SeedPool, path: string): void {
  onlyKeys(entry, POOL_KEYS, path, isAwsMember)
  text(entry.name, `${path}.name`)
  const input: Record<string, unknown> = { PoolName: entry.name, ...awsMembers(entry) }
  const created = at(path, () => call<{ UserPool: { Id: string } }>(ctx, 'CreateUserPool', input))
  const poolId =
    entry.id === undefined ? created.UserPool.Id : rekeyPool(ctx, created.UserPool.Id, entry.id, path)
  const pool = ctx.state.pools[poolId] as PoolRecord
  if (entry.mfa !== undefined) {
    const mfa = record(entry.mfa, `${path}.mfa`)
    at(`${path}.mfa`, () => call(ctx, 'SetUserPoolMfaConfig', { ...mfa, UserPoolId: poolId }))
  }
  list(entry.clients, `${path}.clients`).forEach((client, i) => {
    seedClient(ctx, pool, record(client, `${path}.clients[${i}]`) as SeedClient, `${path}.clients[${i}]`)
  })
  list(entry.groups, `${path}.groups`).forEach((group, i) => {
    seedGroup(
      ctx,
      pool,
      record(group, `${path}.groups[${i}]`) as unknown as SeedGroup,
      `${path}.groups[${i}]`,
    )
  })
  list(entry.users, `${path}.users`).forEach((user, i) => {
    seedUser(ctx, pool, record(user, `${path}.users[${i}]`) as unknown as SeedUser, `${path}.users[${i}]`)
  })
}

function rekeyPool(ctx: Context, generated: string, id: unknown, path: string): string {
  const wanted = text(id, `${path}.id`)
  if (!POOL_ID.test(wanted)) {
    fail(`${path}.id`, `"${wanted}" is not a user pool id; it must look like "us-east-1_Example01".`)
  }
  if (ctx.state.pools[wanted]) fail(`${path}.id`, `User pool ${wanted} already exists.`)
  const pool = ctx.state.pools[generated] as PoolRecord
  delete ctx.state.pools[generated]
  pool.config.Id = wanted
  pool.config.Arn = String(pool.config.Arn).replace(generated, wanted)
  ctx.state.pools[wanted] = pool
  return wanted
}

function seedClient(ctx: Context, pool: PoolRecord, entry: SeedClient, path: string): void {
  onlyKeys(entry, CLIENT_KEYS, path, isAwsMember)
  text(entry.name, `${path}.name`)
  const input = { ...awsMembers(entry), UserPoolId: pool.config.Id, ClientName: entry.name }
  const created = at(path, () =>
    call<{ UserPoolClient: { ClientId: string } }>(ctx, 'CreateUserPoolClient', input),
  )
  if (entry.id === undefined) return
  const wanted = text(entry.id, `${path}.id`)
  if (!CLIENT_ID.test(wanted)) {
    fail(`${path}.id`, `"${wanted}" is not a client id: 1 to 128 letters, digits, "_" or "+".`)
  }
  const taken = Object.values(ctx.state.pools).some((p) => Object.hasOwn(p.clients, wanted))
  if (taken) fail(`${path}.id`, `User pool client ${wanted} already exists.`)
  const client = pool.clients[created.UserPoolClient.ClientId]!
  delete pool.clients[client.ClientId]
  client.ClientId = wanted
  pool.clients[wanted] = client
}

function seedGroup(ctx: Context, pool: PoolRecord, entry: SeedGroup, path: string): void {
  onlyKeys(entry as unknown as Record<string, unknown>, GROUP_KEYS, path, () => false)
  const input = {
    UserPoolId: pool.config.Id,
    GroupName: text(entry.name, `${path}.name`),
    ...(entry.description === undefined ? {} : { Description: entry.description }),
    ...(entry.precedence === undefined ? {} : { Precedence: entry.precedence }),
    ...(entry.roleArn === undefined ? {} : { RoleArn: entry.roleArn }),
  }
  at(path, () => call(ctx, 'CreateGroup', input))
}

/** Creates one seed user in `pool`; returns its record. */
export function seedUser(ctx: Context, pool: PoolRecord, entry: SeedUser, path: string): UserRecord {
  onlyKeys(entry as unknown as Record<string, unknown>, USER_KEYS, path, () => false)
  const status = entry.status ?? 'CONFIRMED'
  if (!STATUSES.includes(status)) {
    fail(`${path}.status`, `"${status}" is not one of ${STATUSES.join(', ')}.`)
  }
  const user = createUser(ctx, pool, entry, path)
  const UserPoolId = pool.config.Id
  const Username = user.username
  if (entry.password !== undefined || status !== 'RESET_REQUIRED') {
    const Password = text(entry.password, `${path}.password`)
    const Permanent = status !== 'FORCE_CHANGE_PASSWORD'
    at(`${path}.password`, () =>
      call(ctx, 'AdminSetUserPassword', { UserPoolId, Username, Password, Permanent }),
    )
  }
  if (status === 'UNCONFIRMED' || status === 'RESET_REQUIRED') user.status = status
  if (entry.enabled === false) call(ctx, 'AdminDisableUser', { UserPoolId, Username })
  else if (entry.enabled !== undefined && entry.enabled !== true)
    fail(`${path}.enabled`, 'must be true or false.')
  list(entry.groups, `${path}.groups`).forEach((group, i) => {
    const GroupName = text(group, `${path}.groups[${i}]`)
    at(`${path}.groups[${i}]`, () => call(ctx, 'AdminAddUserToGroup', { UserPoolId, Username, GroupName }))
  })
  if (entry.mfa !== undefined) seedMfa(ctx, user, UserPoolId, record(entry.mfa, `${path}.mfa`), `${path}.mfa`)
  return user
}

/** AdminCreateUser's checks and record, without its PreSignUp trigger (which makes it async) or invitation. */
function createUser(ctx: Context, pool: PoolRecord, entry: SeedUser, path: string): UserRecord {
  const given = text(entry.username, `${path}.username`)
  const attributes = record(entry.attributes ?? {}, `${path}.attributes`)
  const UserAttributes = Object.entries(attributes).map(([Name, Value]) => ({ Name, Value: Value as string }))
  at(path, () =>
    validateInput('AdminCreateUser', { UserPoolId: pool.config.Id, Username: given, UserAttributes }),
  )
  const sub = uuid()
  const { username, implied } = at(`${path}.username`, () => {
    if (usernameAttributes(pool).length === 0) checkAliasUsername(pool, given)
    return newUsername(pool, given, sub)
  })
  const checked = at(`${path}.attributes`, () => {
    const all = { sub, ...checkAttributes(pool, UserAttributes), ...implied }
    checkRequiredAttributes(pool, all)
    checkUsernameAttributesUnique(pool, all, undefined, 'UsernameExistsException')
    claimAliases(pool, all, undefined, false)
    return all
  })
  const now = nowSeconds(ctx)
  const user: UserRecord = {
    username,
    attributes: checked,
    enabled: true,
    status: 'CONFIRMED',
    created: now,
    modified: now,
    codes: {},
    groups: [],
  }
  addUser(pool, user)
  return user
}

function seedMfa(ctx: Context, user: UserRecord, UserPoolId: string, mfa: SeedMfa, path: string): void {
  onlyKeys(
    mfa as Record<string, unknown>,
    ['sms', 'email', 'softwareToken', 'preferred', 'totpSecret'],
    path,
    () => false,
  )
  if (mfa.preferred !== undefined && !MFA_FACTORS.includes(mfa.preferred)) {
    fail(`${path}.preferred`, `"${mfa.preferred}" is not one of ${MFA_FACTORS.join(', ')}.`)
  }
  if (mfa.totpSecret !== undefined) {
    const secret = text(mfa.totpSecret, `${path}.totpSecret`)
    if (!/^[A-Z2-7]{16,}=*$/.test(secret))
      fail(`${path}.totpSecret`, 'must be a base32 secret of 16 characters or more.')
    const holder = user as { mfa?: Record<string, unknown> }
    holder.mfa = { ...(holder.mfa ?? {}), totpSecret: secret }
  }
  const settings = (factor: string, enabled: boolean | undefined) =>
    enabled === undefined && mfa.preferred !== factor
      ? undefined
      : { Enabled: enabled ?? true, PreferredMfa: mfa.preferred === factor }
  const input: Record<string, unknown> = { UserPoolId, Username: user.username }
  const sms = settings('SMS_MFA', mfa.sms)
  const totp = settings('SOFTWARE_TOKEN_MFA', mfa.softwareToken ?? (mfa.totpSecret ? true : undefined))
  const email = settings('EMAIL_OTP', mfa.email)
  if (sms) input.SMSMfaSettings = sms
  if (totp) input.SoftwareTokenMfaSettings = totp
  if (email) input.EmailMfaSettings = email
  at(path, () => call(ctx, 'AdminSetUserMFAPreference', input))
}

/** Runs an operation as the API would (model validation first); seeding needs it to answer synchronously. */
function call<T = unknown>(ctx: Context, name: string, input: Record<string, unknown>): T {
  const operation = operations[name]
  if (!operation) throw new Error(`${name} is not emulated, so this cannot be seeded.`)
  validateInput(name, input)
  const output = operation(input, ctx)
  if (output instanceof Promise) {
    output.catch(() => {})
    throw new Error(`${name} answers asynchronously, so it cannot be used for seeding.`)
  }
  return output as T
}

/** Runs `fn`, prefixing whatever it throws with the seed path it was working on. */
function at<T>(path: string, fn: () => T): T {
  try {
    return fn()
  } catch (error) {
    if (error instanceof SeedError) throw error
    throw new SeedError(`${path}: ${(error as Error).message}`)
  }
}

function fail(path: string, why: string): never {
  throw new SeedError(`${path}: ${why}`)
}

const isAwsMember = (key: string) => /^[A-Z]/.test(key)

function awsMembers(entry: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entry).filter(([key]) => isAwsMember(key)))
}

function onlyKeys(
  entry: Record<string, unknown>,
  known: string[],
  path: string,
  alsoAllowed: (key: string) => boolean,
): void {
  for (const key of Object.keys(entry)) {
    if (!known.includes(key) && !alsoAllowed(key)) {
      fail(`${path}.${key}`, `unknown key; expected one of ${known.join(', ')}.`)
    }
  }
}

function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'must be an object.')
  return value as Record<string, unknown>
}

function list(value: unknown, path: string): unknown[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) fail(path, 'must be a list.')
  return value
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') fail(path, 'must be a string.')
  return value
}
