import type { Operation } from '../types.ts'
import { addCustomAttributes } from './add-custom-attributes.ts'
import { createUserPool } from './create-user-pool.ts'
import { deleteUserPool } from './delete-user-pool.ts'
import { describeUserPool } from './describe-user-pool.ts'
import { listUserPools } from './list-user-pools.ts'
import { updateUserPool } from './update-user-pool.ts'

export const operations: Record<string, Operation> = {
  AddCustomAttributes: addCustomAttributes,
  CreateUserPool: createUserPool,
  DeleteUserPool: deleteUserPool,
  DescribeUserPool: describeUserPool,
  ListUserPools: listUserPools,
  UpdateUserPool: updateUserPool,
}
