import type { Context } from '../../core/context.ts'
import { requirePool, requirePoolClient } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { answerChallenge } from './answer-challenge.ts'
import type { AuthOutput } from './sign-in.ts'

/**
 * Answers the challenge an AdminInitiateAuth returned, from a trusted back end.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRespondToAuthChallenge.html
 */
export function adminRespondToAuthChallenge(input: Input, ctx: Context): AuthOutput | Promise<AuthOutput> {
  const pool = requirePool(ctx, input.UserPoolId)
  const client = requirePoolClient(pool, input.ClientId)
  return answerChallenge(ctx, pool, client, input.ChallengeName, input.Session, input.ChallengeResponses)
}
