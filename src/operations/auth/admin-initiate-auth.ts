import type { Context } from '../../core/context.ts'
import { requirePool, requirePoolClient } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import type { AuthOutput } from './sign-in.ts'
import { startAuth } from './start-auth.ts'

/**
 * Starts a sign-in from a trusted back end: ADMIN_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH, USER_SRP_AUTH,
 * REFRESH_TOKEN_AUTH / REFRESH_TOKEN.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminInitiateAuth.html
 */
export function adminInitiateAuth(input: Input, ctx: Context): AuthOutput | Promise<AuthOutput> {
  const pool = requirePool(ctx, input.UserPoolId)
  const client = requirePoolClient(pool, input.ClientId)
  return startAuth(ctx, pool, client, input.AuthFlow, input.AuthParameters, true)
}
