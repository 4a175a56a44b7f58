import type { Context } from '../../core/context.ts'
import type { ClientRecord, PoolRecord, UserRecord } from '../../core/state.ts'
import { eventAttributes, fireTrigger, hasTrigger, triggerEvent } from '../../core/triggers.ts'

/** The ClientMetadata of an InitiateAuth / AdminInitiateAuth call, which Cognito hands over as `validationData`. */
const validationData = new WeakMap<Context, Record<string, string>>()

/**
 * For InitiateAuth and AdminInitiateAuth: Cognito passes ClientMetadata to PreAuthentication and UserMigration
 * only, as `validationData`, and to no other trigger of the call (PostAuthentication, PreTokenGeneration, the
 * challenge and message triggers get no `clientMetadata`). Takes it off the call context and keeps it aside.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html#CognitoUserPools-InitiateAuth-request-ClientMetadata
 */
export function clientMetadataAsValidationData(ctx: Context): void {
  if (!ctx.call?.clientMetadata) return
  const { clientMetadata, ...call } = ctx.call
  validationData.set(ctx, clientMetadata)
  ctx.call = call
}

/** The `validationData` of this InitiateAuth call's PreAuthentication / UserMigration events, if it sent any. */
export function signInValidationData(ctx: Context): Record<string, string> | undefined {
  return validationData.get(ctx)
}

const hidesUsers = (client: ClientRecord) => client.PreventUserExistenceErrors === 'ENABLED'

/**
 * PreAuthentication (`PreAuthentication_Authentication`), before Cognito checks the credentials. For an unknown
 * user it runs only where the client prevents user existence errors, with `userNotFound: true` (the caller then
 * fails as usual); `userNotFound` is present only for such clients. A thrown error rejects the sign-in.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-authentication.html
 */
export function preAuthentication(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  name: string,
  user: UserRecord | undefined,
): Promise<unknown> | undefined {
  // A promise that settles once the trigger has run; undefined when there is nothing to wait for.
  if (!hasTrigger(ctx, pool, 'PreAuthentication')) return undefined
  if (!user && !hidesUsers(client)) return undefined
  const data = signInValidationData(ctx)
  return fireTrigger(ctx, pool, 'PreAuthentication', () =>
    triggerEvent(
      ctx,
      pool,
      'PreAuthentication_Authentication',
      user?.username ?? name,
      {
        userAttributes: user ? eventAttributes(pool, user) : {},
        ...(data ? { validationData: { ...data } } : {}),
        ...(hidesUsers(client) ? { userNotFound: !user } : {}),
      },
      {},
    ),
  )
}

/**
 * PostAuthentication (`PostAuthentication_Authentication`), once every challenge is passed and before tokens are
 * issued: `newDeviceUsed` says whether this sign-in starts tracking a new device. A thrown error fails the sign-in
 * (no tokens).
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-authentication.html
 */
export function postAuthentication(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  newDeviceUsed: boolean,
): Promise<unknown> | undefined {
  // A promise that settles once the trigger has run; undefined when there is nothing to wait for.
  if (!hasTrigger(ctx, pool, 'PostAuthentication')) return undefined
  return fireTrigger(ctx, pool, 'PostAuthentication', () =>
    triggerEvent(
      ctx,
      pool,
      'PostAuthentication_Authentication',
      user.username,
      { userAttributes: eventAttributes(pool, user), newDeviceUsed },
      {},
    ),
  )
}
