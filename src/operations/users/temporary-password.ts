import { type Context, nowSeconds } from '../../core/context.ts'
import type { Contact } from '../../core/delivery.ts'
import { CognitoError } from '../../core/errors.ts'
import { randomHex } from '../../core/ids.ts'
import { send } from '../../core/outbox.ts'
import { checkPasswordPolicy, generatePassword, hashPassword } from '../../core/passwords.ts'
import type { PoolRecord, UserRecord } from '../../core/state.ts'

/**
 * The temporary password of an invitation: the given one, checked against the pool's policy (AdminCreateUser
 * words the failure "did not conform with password policy"), or a generated one.
 */
export function temporaryPassword(pool: PoolRecord, given: string | undefined): string {
  if (given === undefined) return generatePassword(pool)
  try {
    checkPasswordPolicy(pool, given)
  } catch (e) {
    if (!(e instanceof CognitoError)) throw e
    throw new CognitoError(e.type, e.message.replace('with policy:', 'with password policy:'))
  }
  return given
}

/** How long a temporary password works: the policy's TemporaryPasswordValidityDays, 7 by default. */
function validitySeconds(pool: PoolRecord): number {
  const policies = pool.config.Policies as
    | { PasswordPolicy?: { TemporaryPasswordValidityDays?: number } }
    | undefined
  return (policies?.PasswordPolicy?.TemporaryPasswordValidityDays ?? 7) * 86_400
}

/**
 * Gives the user a temporary password: FORCE_CHANGE_PASSWORD until it is changed or expires. `undefined` stands
 * for one that is never told to anyone (AdminCreateUser with SUPPRESS and no TemporaryPassword): the hash is then
 * random, so no password matches it (and SRP fails), as none would match a random password nobody was sent.
 */
export function setTemporaryPassword(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  password: string | undefined,
): void {
  user.passwordHash =
    password === undefined ? randomHex(32) : hashPassword(pool.config.Id, user.username, password)
  user.status = 'FORCE_CHANGE_PASSWORD'
  user.temporaryPasswordExpires = nowSeconds(ctx) + validitySeconds(pool)
}

/** Records the invitation with the temporary password in the outbox, once per destination. */
export function sendInvitation(
  ctx: Context,
  pool: PoolRecord,
  user: UserRecord,
  destinations: Contact[],
  password: string,
): void {
  for (const to of destinations) {
    send(ctx, pool, user, { reason: 'AdminCreateUser', to, temporaryPassword: password })
  }
}
