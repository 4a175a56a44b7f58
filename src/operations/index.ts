import { operations as account } from './account/index.ts'
import { operations as auth } from './auth/index.ts'
import { operations as clients } from './clients/index.ts'
import { operations as devices } from './devices/index.ts'
import { operations as groups } from './groups/index.ts'
import { operations as mfa } from './mfa/index.ts'
import { operations as pools } from './pools/index.ts'
import type { Operation } from './types.ts'
import { operations as users } from './users/index.ts'

/** Every emulated operation by its X-Amz-Target name. */
export const operations: Record<string, Operation> = {
  ...pools,
  ...clients,
  ...users,
  ...auth,
  ...account,
  ...groups,
  ...mfa,
  ...devices,
}
