import type { Operation } from '../types.ts'
import { adminInitiateAuth } from './admin-initiate-auth.ts'
import { adminRespondToAuthChallenge } from './admin-respond-to-auth-challenge.ts'
import { getTokensFromRefreshToken } from './get-tokens-from-refresh-token.ts'
import { globalSignOut } from './global-sign-out.ts'
import { initiateAuth } from './initiate-auth.ts'
import { respondToAuthChallenge } from './respond-to-auth-challenge.ts'
import { revokeToken } from './revoke-token.ts'

export const operations: Record<string, Operation> = {
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  GetTokensFromRefreshToken: getTokensFromRefreshToken,
  GlobalSignOut: globalSignOut,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
  RevokeToken: revokeToken,
}
