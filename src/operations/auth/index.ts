import type { Operation } from '../types.ts'

export const operations: Record<string, Operation> = {}
