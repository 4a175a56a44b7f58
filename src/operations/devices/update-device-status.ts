import type { Context } from '../../core/context.ts'
import { nowSeconds } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { requireEnabled } from '../account/signed-in.ts'
import type { Input } from '../types.ts'
import { requireDevice, setRemembered } from './device-records.ts'

/**
 * Marks one of the signed-in user's devices remembered or not remembered (Amplify's rememberDevice).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateDeviceStatus.html
 */
export async function updateDeviceStatus(input: Input, ctx: Context): Promise<Record<string, never>> {
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  setRemembered(requireDevice(user, input.DeviceKey), input.DeviceRememberedStatus, nowSeconds(ctx))
  return {}
}
