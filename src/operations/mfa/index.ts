import type { Operation } from '../types.ts'
import { adminGetUserAuthFactors } from './admin-get-user-auth-factors.ts'
import { adminSetUserMFAPreference } from './admin-set-user-mfa-preference.ts'
import { adminSetUserSettings } from './admin-set-user-settings.ts'
import { associateSoftwareToken } from './associate-software-token.ts'
import { getUserAuthFactors } from './get-user-auth-factors.ts'
import { getUserPoolMfaConfig } from './get-user-pool-mfa-config.ts'
import { setUserMFAPreference } from './set-user-mfa-preference.ts'
import { setUserPoolMfaConfig } from './set-user-pool-mfa-config.ts'
import { verifySoftwareToken } from './verify-software-token.ts'

/** MFA: the pool's configuration, users' factors and preferences, software tokens, sign-in factors. */
export const operations: Record<string, Operation> = {
  AdminGetUserAuthFactors: adminGetUserAuthFactors,
  AdminSetUserMFAPreference: adminSetUserMFAPreference,
  AdminSetUserSettings: adminSetUserSettings,
  AssociateSoftwareToken: associateSoftwareToken,
  GetUserAuthFactors: getUserAuthFactors,
  GetUserPoolMfaConfig: getUserPoolMfaConfig,
  SetUserMFAPreference: setUserMFAPreference,
  SetUserPoolMfaConfig: setUserPoolMfaConfig,
  VerifySoftwareToken: verifySoftwareToken,
}
