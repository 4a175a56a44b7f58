import type { Context } from '../../core/context.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { requireEnabled } from '../account/signed-in.ts'
import type { Input, Output } from '../types.ts'
import { listDevicesPage } from './device-records.ts'

/**
 * The signed-in user's registered devices, a page at a time.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html
 */
export async function listDevices(input: Input, ctx: Context): Promise<Output> {
  const { user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  return listDevicesPage(user, input.Limit, input.PaginationToken)
}
