import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import { mfaMembers } from '../mfa/mfa-settings.ts'
import type { Input, Output } from '../types.ts'
import { attributeList } from './user-type.ts'

/**
 * A user as an administrator sees it: attributes, status, whether enabled, dates.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html
 */
export function adminGetUser(input: Input, ctx: Context): Output {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  return {
    Username: user.username,
    UserAttributes: attributeList(user),
    UserCreateDate: user.created,
    UserLastModifiedDate: user.modified,
    Enabled: user.enabled,
    UserStatus: user.status,
    ...mfaMembers(user),
  }
}
