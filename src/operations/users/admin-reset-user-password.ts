import { type Context, nowSeconds } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { requirePool } from '../../core/lookup.ts'
import { send } from '../../core/outbox.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'

/** A password-reset code is valid for one hour. */
const RESET_CODE_LIFETIME_MS = 60 * 60 * 1000

interface RecoveryMechanism {
  Name?: string
  Priority?: number
}

/**
 * Where a reset code goes: the first verified contact in the pool's AccountRecoverySetting order (phone number
 * before email for a pool without one); `admin_only` allows none.
 */
function recoveryAttribute(pool: PoolRecord, user: UserRecord): 'email' | 'phone_number' | undefined {
  const setting = pool.config.AccountRecoverySetting as
    | { RecoveryMechanisms?: RecoveryMechanism[] }
    | undefined
  const names = setting?.RecoveryMechanisms
    ? [...setting.RecoveryMechanisms].sort((a, b) => (a.Priority ?? 0) - (b.Priority ?? 0)).map((m) => m.Name)
    : ['verified_phone_number', 'verified_email']
  for (const name of names) {
    if (name === 'admin_only') return undefined
    const attribute =
      name === 'verified_email' ? 'email' : name === 'verified_phone_number' ? 'phone_number' : undefined
    if (attribute && user.attributes[attribute] && user.attributes[`${attribute}_verified`] === 'true')
      return attribute
  }
  return undefined
}

/**
 * Invalidates a user's password: the user is RESET_REQUIRED (sign-in fails with PasswordResetRequiredException)
 * and gets a reset code, to be used with ConfirmForgotPassword.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html
 */
export function adminResetUserPassword(input: Input, ctx: Context): Record<string, never> {
  const pool = requirePool(ctx, input.UserPoolId)
  const user = requireUser(pool, input.Username)
  const to = recoveryAttribute(pool, user)
  if (!to) {
    throw errors.invalidParameter(
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    )
  }
  user.status = 'RESET_REQUIRED'
  user.modified = nowSeconds(ctx)
  const code = send(ctx, pool, user, { reason: 'ForgotPassword', to, code: true })!
  user.codes.forgotPassword = { code, expires: ctx.now().getTime() + RESET_CODE_LIFETIME_MS }
  return {}
}
