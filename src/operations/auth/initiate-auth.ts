import type { Context } from '../../core/context.ts'
import { requireClient } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import type { AuthOutput } from './sign-in.ts'
import { startAuth } from './start-auth.ts'

/**
 * Starts a sign-in for an app client: USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH / REFRESH_TOKEN.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_InitiateAuth.html
 */
export function initiateAuth(input: Input, ctx: Context): AuthOutput | Promise<AuthOutput> {
  const { pool, client } = requireClient(ctx, input.ClientId)
  return startAuth(ctx, pool, client, input.AuthFlow, input.AuthParameters, false)
}
