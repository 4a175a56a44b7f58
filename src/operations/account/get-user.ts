import type { AttributeType } from '../../core/attributes.ts'
import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { mfaMembers } from '../mfa/mfa-settings.ts'
import type { Input } from '../types.ts'
import { attributeList } from '../users/user-type.ts'
import { requireEnabled } from './signed-in.ts'

/**
 * The signed-in user: username and attributes. MFA members (MFAOptions, PreferredMfaSetting, UserMFASettingList)
 * appear only when the user has MFA settings, as with AWS.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUser.html
 */
export async function getUser(
  input: Input,
  ctx: Context,
): Promise<{ Username: string; UserAttributes: AttributeType[] } & ReturnType<typeof mfaMembers>> {
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    ...mfaMembers(user),
  }
}
