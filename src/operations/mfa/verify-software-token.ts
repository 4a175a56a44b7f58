import type { Context } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { getUserByUsername } from '../../core/indexes.ts'
import type { UserRecord } from '../../core/state.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { matchTotp } from '../../core/totp.ts'
import { requireEnabled } from '../account/signed-in.ts'
import { findChallengeSession, renewSession } from '../auth/sessions.ts'
import type { Input } from '../types.ts'
import { userMfa } from './mfa-settings.ts'

const mismatch = () =>
  new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA')
const notAssociated = () =>
  new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.')

/** Checks a code against a secret (±1 step, each step once) and makes the secret the user's software token. */
function confirmSecret(ctx: Context, user: UserRecord, secret: string, code: string): void {
  const mfa = userMfa(user)
  const used = mfa.totpSecret === secret ? mfa.totpUsedStep : undefined
  const step = matchTotp(secret, code, ctx.now().getTime(), used)
  if (step === undefined) throw mismatch()
  mfa.totpSecret = secret
  mfa.totpUsedStep = step
  delete mfa.pendingTotpSecret
}

/**
 * Confirms the secret from AssociateSoftwareToken with a code from the authenticator app (RFC 6238). A wrong code
 * is `EnableSoftwareTokenMFAException` (an HTTP error, which Amplify's verifyTOTPSetup needs). With a Session
 * (MFA_SETUP), software-token MFA is turned on for the user and a new Session answers MFA_SETUP; with an
 * AccessToken, SetUserMFAPreference turns it on.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html
 */
export async function verifySoftwareToken(
  input: Input,
  ctx: Context,
): Promise<{ Status: 'SUCCESS'; Session?: string }> {
  if (input.AccessToken === undefined) {
    if (input.Session === undefined) {
      throw errors.invalidParameter('Either AccessToken or Session must be provided.')
    }
    const session = findChallengeSession(ctx, input.Session, 'MFA_SETUP')
    const secret = session.data?.secret as string | undefined
    const pool = ctx.state.pools[session.userPoolId]
    const user = pool ? getUserByUsername(pool, session.username) : undefined
    if (!user) throw new CognitoError('NotAuthorizedException', 'Invalid session for the user.')
    if (!secret) throw notAssociated()
    confirmSecret(ctx, user, secret, input.UserCode)
    userMfa(user).softwareToken = true
    const Session = renewSession(ctx, input.Session, { ...session.data, verified: true })
    return { Status: 'SUCCESS', Session }
  }
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  const secret = user.mfa?.pendingTotpSecret
  if (!secret) throw notAssociated()
  confirmSecret(ctx, user, secret, input.UserCode)
  return { Status: 'SUCCESS' }
}
