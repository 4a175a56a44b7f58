import { claimAliases } from '../../core/aliases.ts'
import { checkAttributes, checkRequiredAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { uuid } from '../../core/ids.ts'
import { addUser } from '../../core/indexes.ts'
import { hashPassword } from '../../core/passwords.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import {
  booleanMember,
  fireTrigger,
  hasTrigger,
  invalidLambdaResponse,
  triggerEvent,
} from '../../core/triggers.ts'
import { findUser, newUsername } from '../../core/users.ts'
import { signInValidationData } from './sign-in-triggers.ts'

export type MigrationSource = 'UserMigration_Authentication' | 'UserMigration_ForgotPassword'

/** Whether an unknown user's sign-in or password reset goes to the pool's UserMigration trigger. */
export const migrates = (ctx: Context, pool: PoolRecord): boolean => hasTrigger(ctx, pool, 'UserMigration')

const STATUSES = new Set(['CONFIRMED', 'RESET_REQUIRED'])

/**
 * UserMigration: asks the function for a user the pool does not know (`UserMigration_Authentication` with the
 * password given at sign-in, or `UserMigration_ForgotPassword`), and creates it from the response: its
 * `userAttributes`, `finalUserStatus` (CONFIRMED, the default at sign-in, or RESET_REQUIRED; a password reset
 * always leaves RESET_REQUIRED), `forceAliasCreation`. At sign-in the user keeps the password it signed in with.
 * A response without `userAttributes` migrates nobody: `undefined`, and the caller answers as for any unknown user.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html
 */
export async function migrateUser(
  ctx: Context,
  pool: PoolRecord,
  name: string,
  source: MigrationSource,
  password?: string,
): Promise<UserRecord | undefined> {
  const signIn = source === 'UserMigration_Authentication'
  const data = signIn ? signInValidationData(ctx) : undefined
  const result = await fireTrigger(ctx, pool, 'UserMigration', () =>
    triggerEvent(
      ctx,
      pool,
      source,
      name,
      {
        ...(signIn ? { password } : {}),
        ...(data ? { validationData: { ...data } } : {}),
      },
      {},
    ),
  )
  const response = result?.response ?? {}
  if (response.userAttributes === undefined || response.userAttributes === null) return undefined
  // No await from here on: a user created meanwhile under this name wins.
  const existing = findUser(pool, name)
  if (existing) return existing
  const plan = planMigration(pool, name, response, signIn)
  const now = nowSeconds(ctx)
  plan.moveAliases(now)
  const user: UserRecord = {
    username: plan.username,
    attributes: plan.attributes,
    enabled: true,
    status: plan.status,
    created: now,
    modified: now,
    ...(signIn && password !== undefined
      ? { passwordHash: hashPassword(pool.config.Id, plan.username, password) }
      : {}),
    codes: {},
    groups: [],
  }
  addUser(pool, user)
  return user
}

/** Checks the function's response and what creating its user needs. */
function planMigration(
  pool: PoolRecord,
  name: string,
  response: Record<string, unknown>,
  signIn: boolean,
): {
  username: string
  attributes: Record<string, string>
  status: 'CONFIRMED' | 'RESET_REQUIRED'
  moveAliases: (now: number) => void
} {
  const given = response.userAttributes
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw invalidLambdaResponse()
  const entries = Object.entries(given as Record<string, unknown>)
  if (entries.some(([, value]) => typeof value !== 'string')) throw invalidLambdaResponse()
  const finalStatus = response.finalUserStatus
  if (finalStatus !== undefined && finalStatus !== null && !STATUSES.has(finalStatus as string)) {
    throw invalidLambdaResponse()
  }
  const action = response.messageAction
  if (action !== undefined && action !== null && action !== 'SUPPRESS' && action !== 'RESEND') {
    throw invalidLambdaResponse()
  }
  const mediums = response.desiredDeliveryMediums
  if (
    mediums !== undefined &&
    mediums !== null &&
    (!Array.isArray(mediums) || mediums.some((m) => m !== 'EMAIL' && m !== 'SMS'))
  ) {
    throw invalidLambdaResponse()
  }
  const force = booleanMember(response, 'forceAliasCreation')
  const sub = uuid()
  const { username, implied } = newUsername(pool, name, sub)
  const listed = entries
    .filter(([attribute]) => attribute !== 'sub' && attribute !== 'username')
    .map(([Name, Value]) => ({ Name, Value: Value as string }))
  const attributes = { sub, ...checkAttributes(pool, listed), ...implied }
  checkRequiredAttributes(pool, attributes)
  const moveAliases = claimAliases(pool, attributes, undefined, force)
  const status = !signIn || finalStatus === 'RESET_REQUIRED' ? 'RESET_REQUIRED' : 'CONFIRMED'
  return { username, attributes, status, moveAliases }
}
