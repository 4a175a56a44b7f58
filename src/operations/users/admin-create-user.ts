import { checkAliasUsername, checkUsernameAttributesUnique, claimAliases } from '../../core/aliases.ts'
import { checkAttributes, checkRequiredAttributes } from '../../core/attributes.ts'
import { type Context, nowSeconds } from '../../core/context.ts'
import { invitationDestinations } from '../../core/delivery.ts'
import { CognitoError } from '../../core/errors.ts'
import { uuid } from '../../core/ids.ts'
import { addUser } from '../../core/indexes.ts'
import { requirePool } from '../../core/lookup.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import { hasTrigger } from '../../core/triggers.ts'
import { newUsername, requireUser, usernameAttributes } from '../../core/users.ts'
import type { Input, Output } from '../types.ts'
import { preSignUp } from './sign-up-triggers.ts'
import { sendInvitation, setTemporaryPassword, temporaryPassword } from './temporary-password.ts'
import { userType } from './user-type.ts'

/**
 * Creates a user with a temporary password (FORCE_CHANGE_PASSWORD) and sends the invitation, or with
 * `MessageAction: 'RESEND'` sends a new one to a user who has not yet changed it.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 */
export function adminCreateUser(input: Input, ctx: Context): Output | Promise<Output> {
  if (input.MessageAction === 'RESEND') return resend(input, ctx, requirePool(ctx, input.UserPoolId))
  const sub = uuid()
  const first = prepare(input, ctx, sub)
  // Without a PreSignUp trigger nothing can change between the checks and the write: no second pass, no await.
  if (!hasTrigger(ctx, first.pool, 'PreSignUp')) return create(ctx, first, {})
  return preSignUp(
    ctx,
    first.pool,
    first.username,
    first.attributes,
    input,
    'PreSignUp_AdminCreateUser',
  ).then(
    // Re-check against the state as it is now: another call may have taken the username meanwhile.
    (trigger) => create(ctx, prepare(input, ctx, sub, first.password), trigger.verified),
  )
}

function create(ctx: Context, checked: ReturnType<typeof prepare>, verified: Record<string, string>): Output {
  const { pool, username, attributes, destinations, moveAliases, password } = checked
  const now = nowSeconds(ctx)
  moveAliases(now)
  const user: UserRecord = {
    username,
    attributes: { ...attributes, ...verified },
    enabled: true,
    status: 'FORCE_CHANGE_PASSWORD',
    created: now,
    modified: now,
    codes: {},
    groups: [],
  }
  setTemporaryPassword(ctx, pool, user, password)
  addUser(pool, user)
  if (password !== undefined) sendInvitation(ctx, pool, user, destinations, password)
  return { User: userType(user) }
}

/** Every check AdminCreateUser makes before it creates the user; run again after the PreSignUp trigger. */
function prepare(input: Input, ctx: Context, sub: string, chosen?: string) {
  const pool = requirePool(ctx, input.UserPoolId)
  const given: string = input.Username
  if (usernameAttributes(pool).length === 0) checkAliasUsername(pool, given)
  const { username, implied } = newUsername(pool, given, sub)
  const attributes = { sub, ...checkAttributes(pool, input.UserAttributes), ...implied }
  // A password Cognito would generate and not send (SUPPRESS) is one nobody can know: none is made (undefined),
  // and the user gets a hash no password matches (setTemporaryPassword).
  const unsent = input.TemporaryPassword === undefined && input.MessageAction === 'SUPPRESS'
  const password = chosen ?? (unsent ? undefined : temporaryPassword(pool, input.TemporaryPassword))
  checkRequiredAttributes(pool, attributes)
  const destinations =
    input.MessageAction === 'SUPPRESS' ? [] : invitationDestinations(attributes, input.DesiredDeliveryMediums)
  checkUsernameAttributesUnique(pool, attributes, undefined, 'UsernameExistsException')
  const moveAliases = claimAliases(pool, attributes, undefined, input.ForceAliasCreation === true)
  return { pool, username, attributes, destinations, moveAliases, password }
}

function resend(input: Input, ctx: Context, pool: PoolRecord) {
  const user = requireUser(pool, input.Username)
  if (user.status !== 'FORCE_CHANGE_PASSWORD') {
    throw new CognitoError(
      'UnsupportedUserStateException',
      `Resend not possible. ${user.username} status is not FORCE_CHANGE_PASSWORD`,
    )
  }
  const password = temporaryPassword(pool, input.TemporaryPassword)
  const destinations = invitationDestinations(user.attributes, input.DesiredDeliveryMediums)
  setTemporaryPassword(ctx, pool, user, password)
  user.modified = nowSeconds(ctx)
  sendInvitation(ctx, pool, user, destinations, password)
  return { User: userType(user) }
}
