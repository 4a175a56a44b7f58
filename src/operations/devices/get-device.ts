import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { requireEnabled } from '../account/signed-in.ts'
import type { Input, Output } from '../types.ts'
import { deviceType, requireDevice } from './device-records.ts'

/**
 * One of the signed-in user's devices.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetDevice.html
 */
export async function getDevice(input: Input, ctx: Context): Promise<Output> {
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  return { Device: deviceType(requireDevice(user, input.DeviceKey)) }
}
