import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { deviceType, requireDevice } from './device-records.ts'

/**
 * One of a user's devices, for an administrator.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetDevice.html
 */
export function adminGetDevice(input: Input, ctx: Context) {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  return { Device: deviceType(requireDevice(user, input.DeviceKey)) }
}
