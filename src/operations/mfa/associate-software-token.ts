import type { Context } from '../../core/context.ts'
import { errors } from '../../core/errors.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { newTotpSecret } from '../../core/totp.ts'
import { requireEnabled } from '../account/signed-in.ts'
import { findChallengeSession, renewSession } from '../auth/sessions.ts'
import type { Input } from '../types.ts'
import { userMfa } from './mfa-settings.ts'

/**
 * A fresh TOTP secret (base32) for the user, to be confirmed with VerifySoftwareToken: for a signed-in user by
 * AccessToken, or during the MFA_SETUP challenge by Session, which then returns a new Session.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html
 */
export async function associateSoftwareToken(
  input: Input,
  ctx: Context,
): Promise<{ SecretCode: string; Session?: string }> {
  const SecretCode = newTotpSecret()
  if (input.AccessToken === undefined) {
    if (input.Session === undefined) {
      throw errors.invalidParameter('Either AccessToken or Session must be provided.')
    }
    const session = findChallengeSession(ctx, input.Session, 'MFA_SETUP')
    const Session = renewSession(ctx, input.Session, { ...session.data, secret: SecretCode, verified: false })
    return { SecretCode, Session }
  }
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  userMfa(user).pendingTotpSecret = SecretCode
  return { SecretCode }
}
