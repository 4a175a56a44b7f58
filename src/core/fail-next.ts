import type { Context } from './context.ts'
import type { CognitoError } from './errors.ts'

interface Failure {
  error: CognitoError
  times: number
}

const planned = new WeakMap<Context, Map<string, Failure[]>>()
/** Whether any context was ever given a failure: until then every call skips the lookup. */
let anyPlanned = false

/** Makes the next `times` calls of `operation` answer `error` (see `cognito.failNext`). */
export function planFailure(ctx: Context, operation: string, error: CognitoError, times: number): void {
  anyPlanned = true
  const byOperation = planned.get(ctx) ?? new Map<string, Failure[]>()
  planned.set(ctx, byOperation)
  const queue = byOperation.get(operation) ?? []
  queue.push({ error, times })
  byOperation.set(operation, queue)
}

/** The planned failure for this call of `operation`, if any; it is used up. */
export function takeFailure(ctx: Context, operation: string): CognitoError | undefined {
  if (!anyPlanned) return undefined
  const queue = planned.get(ctx)?.get(operation)
  const next = queue?.[0]
  if (!queue || !next) return undefined
  next.times -= 1
  if (next.times <= 0) queue.shift()
  return next.error
}

/** Forgets every planned failure (`cognito.reset()`). */
export function clearFailures(ctx: Context): void {
  planned.delete(ctx)
}
