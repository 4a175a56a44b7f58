import { errors } from '../../core/errors.ts'
import type { UserRecord } from '../../core/state.ts'
import { userDisabled } from './client-user.ts'

/** After `verifyAccessToken`: a disabled user's tokens no longer work. */
export function requireEnabled(user: UserRecord): void {
  if (!user.enabled) throw userDisabled()
}

/** The attributes a user can have a code sent for and verify. */
export type Verifiable = 'email' | 'phone_number'

export function requireVerifiable(name: string): Verifiable {
  if (name !== 'email' && name !== 'phone_number') {
    throw errors.invalidParameter('Invalid attribute name. Only phone_number and email can be verified.')
  }
  return name
}
