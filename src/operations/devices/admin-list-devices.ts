import type { Context } from '../../core/context.ts'
import { requirePool } from '../../core/lookup.ts'
import { requireUser } from '../../core/users.ts'
import type { Input } from '../types.ts'
import { listDevicesPage } from './device-records.ts'

/**
 * A user's registered devices, a page at a time, for an administrator.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListDevices.html
 */
export function adminListDevices(input: Input, ctx: Context) {
  const user = requireUser(requirePool(ctx, input.UserPoolId), input.Username)
  return listDevicesPage(user, input.Limit, input.PaginationToken)
}
