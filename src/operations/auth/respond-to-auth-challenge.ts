import type { Context } from '../../core/context.ts'
import { requireClient } from '../../core/lookup.ts'
import type { Input } from '../types.ts'
import { answerChallenge } from './answer-challenge.ts'
import type { AuthOutput } from './sign-in.ts'

/**
 * Answers the challenge an InitiateAuth returned (NEW_PASSWORD_REQUIRED, PASSWORD_VERIFIER).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RespondToAuthChallenge.html
 */
export function respondToAuthChallenge(input: Input, ctx: Context): AuthOutput | Promise<AuthOutput> {
  const { pool, client } = requireClient(ctx, input.ClientId)
  return answerChallenge(ctx, pool, client, input.ChallengeName, input.Session, input.ChallengeResponses)
}
