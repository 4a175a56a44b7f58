import type { Context } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { requirePool } from '../../core/lookup.ts'
import { findUser } from '../../core/users.ts'
import type { Input, Output } from '../types.ts'
import { listDevicesPage } from './device-records.ts'

/**
 * A user's registered devices, a page at a time, for an administrator.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListDevices.html
 */
export function adminListDevices(input: Input, ctx: Context): Output {
  // The API model lists no UserNotFoundException here; see decisions/0008-mfa-and-devices.md.
  const user = findUser(requirePool(ctx, input.UserPoolId), input.Username)
  if (!user) throw new CognitoError('ResourceNotFoundException', 'User does not exist.')
  return listDevicesPage(user, input.Limit, input.PaginationToken)
}
