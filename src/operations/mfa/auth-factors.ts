import type { PoolRecord, UserRecord } from '../../core/state.ts'
import { availableFirstFactors } from '../auth/user-auth.ts'
import type { Output } from '../types.ts'
import { mfaMembers } from './mfa-settings.ts'

/** The body of GetUserAuthFactors and AdminGetUserAuthFactors. */
export function authFactors(pool: PoolRecord, user: UserRecord): Output {
  const { PreferredMfaSetting, UserMFASettingList } = mfaMembers(user)
  return {
    Username: user.username,
    ...(PreferredMfaSetting ? { PreferredMfaSetting } : {}),
    ...(UserMFASettingList ? { UserMFASettingList } : {}),
    ConfiguredUserAuthFactors: availableFirstFactors(pool, user).filter((f) => f !== 'PASSWORD_SRP'),
  }
}
