import type { Context } from './context.ts'
import { CognitoError } from './errors.ts'
import type { UserRecord } from './state.ts'

/**
 * Cognito's answer to repeated wrong passwords: after five failures the user is locked out for 1 second, and each
 * further failure doubles it, up to about 15 minutes; any password (the right one too) meanwhile gets
 * NotAuthorizedException `Password attempts exceeded`. A correct password clears the count.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/authentication.html#authentication-flow-lockout-behavior
 */
const LOCK_AFTER = 5
const MAX_LOCK_SECONDS = 15 * 60

/** Refuses a password attempt while the user is locked out. */
export function checkNotLockedOut(ctx: Context, user: UserRecord): void {
  const until = user.lockout?.until
  if (until !== undefined && ctx.now().getTime() < until) {
    throw new CognitoError('NotAuthorizedException', 'Password attempts exceeded')
  }
}

/** Counts a wrong password; from the fifth on, locks the user out for 1, 2, 4, ... seconds. */
export function recordWrongPassword(ctx: Context, user: UserRecord): void {
  const failures = (user.lockout?.failures ?? 0) + 1
  user.lockout = { failures }
  if (failures >= LOCK_AFTER) {
    const seconds = Math.min(2 ** (failures - LOCK_AFTER), MAX_LOCK_SECONDS)
    user.lockout.until = ctx.now().getTime() + seconds * 1000
  }
}

/** Forgets the wrong passwords after a right one (or a new password). */
export function clearWrongPasswords(user: UserRecord): void {
  if (user.lockout) user.lockout = undefined // not `delete`: see UserRecord.temporaryPasswordExpires
}
