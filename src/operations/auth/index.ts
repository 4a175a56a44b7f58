import type { Operation } from '../types.ts'
import { adminInitiateAuth } from './admin-initiate-auth.ts'
import { adminRespondToAuthChallenge } from './admin-respond-to-auth-challenge.ts'
import { initiateAuth } from './initiate-auth.ts'
import { respondToAuthChallenge } from './respond-to-auth-challenge.ts'

export const operations: Record<string, Operation> = {
  AdminInitiateAuth: adminInitiateAuth,
  AdminRespondToAuthChallenge: adminRespondToAuthChallenge,
  InitiateAuth: initiateAuth,
  RespondToAuthChallenge: respondToAuthChallenge,
}
