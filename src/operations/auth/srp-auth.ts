import type { Context } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { randomBase64Url } from '../../core/ids.ts'
import { checkNotLockedOut, clearWrongPasswords, recordWrongPassword } from '../../core/lockout.ts'
import { hashPassword, poolNamePart } from '../../core/passwords.ts'
import { checkSecretHash } from '../../core/secret-hash.ts'
import {
  cachedVerifier,
  type SrpSession,
  startPasswordVerifier,
  verifyPasswordClaim,
} from '../../core/srp.ts'
import type { ClientRecord, PoolRecord } from '../../core/state.ts'
import { findUser } from '../../core/users.ts'
import type { ChallengeAnswer } from './challenge-answer.ts'
import { type CustomAuthState, passwordVerified } from './custom-auth.ts'
import { openSession } from './sessions.ts'
import { type AuthOutput, afterPassword, requireEnabled, requireParameter, signInUser } from './sign-in.ts'

const incorrect = () => new CognitoError('NotAuthorizedException', 'Incorrect username or password.')

/**
 * USER_SRP_AUTH, step one: answers the client's SRP_A with PASSWORD_VERIFIER (SRP_B, SALT, SECRET_BLOCK, USERNAME
 * and USER_ID_FOR_SRP, both the canonical username). As on AWS there is no Session: the SECRET_BLOCK, echoed back
 * as PASSWORD_CLAIM_SECRET_BLOCK, identifies the exchange. Where the client prevents user existence errors, an
 * unknown user gets a challenge too, which then fails like a wrong password.
 */
export function startSrpAuth(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  params: Record<string, string> | undefined,
  custom?: Record<string, unknown>,
): AuthOutput {
  const name = requireParameter(params, 'USERNAME')
  const srpA = requireParameter(params, 'SRP_A')
  const found = findUser(pool, name)
  checkSecretHash(client, params?.SECRET_HASH, [name, found?.username])
  const hidden = !found && client.PreventUserExistenceErrors === 'ENABLED'
  const user = hidden ? undefined : signInUser(pool, client, name)
  if (user) requireEnabled(user)
  if (user?.status === 'RESET_REQUIRED') {
    throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user')
  }
  const username = user?.username ?? name
  // A user without a password (or a hidden unknown one) gets a verifier no password matches.
  const hash = user?.passwordHash ?? hashPassword(pool.config.Id, username, randomBase64Url(32))
  const started = startPasswordVerifier(srpA, cachedVerifier(hash))
  if (!started) throw errors.invalidParameter('Invalid SRP_A value.')
  const { challengeParameters, session } = started
  openSession(
    ctx,
    pool,
    client,
    username,
    'PASSWORD_VERIFIER',
    { srp: session, ...(user?.passwordHash ? {} : { impossible: true }), ...(custom ? { custom } : {}) },
    session.secretBlock,
  )
  return {
    ChallengeName: 'PASSWORD_VERIFIER',
    // In CUSTOM_AUTH the verifier comes with a Session (clients send it back); the SECRET_BLOCK still finds it.
    ...(custom ? { Session: session.secretBlock } : {}),
    ChallengeParameters: { ...challengeParameters, USERNAME: username, USER_ID_FOR_SRP: username },
  }
}

/**
 * PASSWORD_VERIFIER, step two: checks PASSWORD_CLAIM_SIGNATURE over the pool name, USER_ID_FOR_SRP, the secret
 * block and TIMESTAMP with the session key. A wrong password is `Incorrect username or password.`; a right one
 * continues as any correct password does (status checks, NEW_PASSWORD_REQUIRED or tokens).
 */
export function answerPasswordVerifier(call: ChallengeAnswer): AuthOutput | Promise<AuthOutput> {
  const { ctx, pool, client, user, session, responses } = call
  const signature = requireParameter(responses, 'PASSWORD_CLAIM_SIGNATURE')
  const secretBlock = requireParameter(responses, 'PASSWORD_CLAIM_SECRET_BLOCK')
  const timestamp = requireParameter(responses, 'TIMESTAMP')
  const data = session.data as { srp: SrpSession; impossible?: boolean; custom?: CustomAuthState }
  checkNotLockedOut(ctx, user)
  const ok =
    !data.impossible &&
    verifyPasswordClaim(data.srp, {
      poolName: poolNamePart(pool.config.Id),
      userId: user.username,
      secretBlock,
      timestamp,
      signature,
    })
  if (!ok) {
    if (!data.impossible) recordWrongPassword(ctx, user)
    throw incorrect()
  }
  clearWrongPasswords(user)
  if (data.custom) return passwordVerified(ctx, pool, client, user, data.custom, responses)
  return afterPassword(ctx, pool, client, user, responses.DEVICE_KEY)
}
