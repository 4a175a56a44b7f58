import type { Operation } from '../types.ts'
import { createUserPoolClient } from './create-user-pool-client.ts'

export const operations: Record<string, Operation> = {
  CreateUserPoolClient: createUserPoolClient,
}
