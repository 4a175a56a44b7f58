import type {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommandInput,
  CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider'
import { Amplify } from 'aws-amplify'
import { signOut } from 'aws-amplify/auth'
import type { Cognito } from '../../src/index.ts'
import { poolWithClient } from './auth-fixtures.ts'

/**
 * A fresh pool and app client, with Amplify configured for them exactly as an app would be (no endpoint: Amplify
 * calls the AWS host and MSW answers). Amplify is a singleton that keeps its tokens in memory, so each test starts
 * by configuring a new pool.
 */
export async function configureAmplify(
  sdk: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
) {
  const ids = await poolWithClient(sdk, pool, client)
  Amplify.configure({ Auth: { Cognito: { userPoolId: ids.poolId, userPoolClientId: ids.clientId } } })
  return ids
}

/** Signs Amplify out locally and ignores a failure, so that the next test starts signed out. */
export async function resetAmplify() {
  await signOut().catch(() => undefined)
}

/** The code of the newest outbox message to `username` sent for `reason`. */
export function codeFor(cognito: Cognito, username: string, reason: string): string {
  const message = cognito.outbox.findLast((m) => m.username === username && m.reason === reason)
  if (!message?.code) throw new Error(`No ${reason} code for "${username}" in the outbox.`)
  return message.code
}
