import type { Operation } from '../types.ts'
import { createUserPoolClient } from './create-user-pool-client.ts'
import { deleteUserPoolClient } from './delete-user-pool-client.ts'
import { describeUserPoolClient } from './describe-user-pool-client.ts'
import { listUserPoolClients } from './list-user-pool-clients.ts'
import { updateUserPoolClient } from './update-user-pool-client.ts'

export const operations: Record<string, Operation> = {
  CreateUserPoolClient: createUserPoolClient,
  DeleteUserPoolClient: deleteUserPoolClient,
  DescribeUserPoolClient: describeUserPoolClient,
  ListUserPoolClients: listUserPoolClients,
  UpdateUserPoolClient: updateUserPoolClient,
}
