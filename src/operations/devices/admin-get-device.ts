import type { Context } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { requirePool } from '../../core/lookup.ts'
import { findUser } from '../../core/users.ts'
import type { Input, Output } from '../types.ts'
import { deviceType, requireDevice } from './device-records.ts'

/**
 * One of a user's devices, for an administrator.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetDevice.html
 */
export function adminGetDevice(input: Input, ctx: Context): Output {
  // The API model lists no UserNotFoundException here: an unknown user has no such device.
  const user = findUser(requirePool(ctx, input.UserPoolId), input.Username)
  if (!user) throw new CognitoError('ResourceNotFoundException', 'Device does not exist.')
  return { Device: deviceType(requireDevice(user, input.DeviceKey)) }
}
