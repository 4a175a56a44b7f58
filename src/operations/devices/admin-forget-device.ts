import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { forget, requireDevice } from './device-records.ts'

/**
 * Forgets one of a user's devices, for an administrator.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminForgetDevice.html
 */
export function adminForgetDevice(input: Input, ctx: Context): Record<string, never> {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  forget(user, requireDevice(user, input.DeviceKey))
  return {}
}
