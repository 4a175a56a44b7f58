import type { Operation } from '../types.ts'
import { createUserPool } from './create-user-pool.ts'

export const operations: Record<string, Operation> = {
  CreateUserPool: createUserPool,
}
