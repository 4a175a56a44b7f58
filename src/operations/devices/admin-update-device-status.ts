import type { Context } from '../../core/context.ts'
import { nowSeconds } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { requireDevice, setRemembered } from './device-records.ts'

/**
 * Marks one of a user's devices remembered or not remembered, for an administrator.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateDeviceStatus.html
 */
export function adminUpdateDeviceStatus(input: Input, ctx: Context): Record<string, never> {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  setRemembered(requireDevice(user, input.DeviceKey), input.DeviceRememberedStatus, nowSeconds(ctx))
  return {}
}
