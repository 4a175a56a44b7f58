import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { requireEnabled } from '../account/signed-in.ts'
import type { Input } from '../types.ts'
import { forget, requireDevice } from './device-records.ts'

/**
 * Forgets one of the signed-in user's devices: its key no longer signs in.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgetDevice.html
 */
export async function forgetDevice(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  forget(user, requireDevice(user, input.DeviceKey))
  return {}
}
