import type { Context } from '../core/context.ts'
import { CognitoError } from '../core/errors.ts'
import { planFailure } from '../core/fail-next.ts'
import { ALL_OPERATIONS } from '../model/operations.ts'

/**
 * Options of `cognito.failNext`.
 *
 * @example
 * ```ts
 * cognito.failNext('InitiateAuth', 'InternalErrorException', 'Internal error', { times: 3 })
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
 */
export interface FailNextOptions {
  /** How many calls in a row fail. Default 1. */
  times?: number
  /** The HTTP status. Default 500 for `InternalErrorException`, else 400. */
  status?: number
}

/** Plans the failure `cognito.failNext` describes, after checking its arguments. */
export function failNext(
  ctx: Context,
  operation: string,
  errorName: string,
  message: string | undefined,
  options: FailNextOptions = {},
): void {
  if (!ALL_OPERATIONS.has(operation)) {
    throw new Error(
      `Failed to call "cognito.failNext()": "${operation}" is not a Cognito operation. Use its API name, e.g. "InitiateAuth".`,
    )
  }
  if (!/^[A-Z]\w*(Exception|Error|Fault)$/.test(errorName)) {
    throw new Error(
      `Failed to call "cognito.failNext()": "${errorName}" is not an AWS error name, e.g. "TooManyRequestsException".`,
    )
  }
  const times = options.times ?? 1
  if (!Number.isInteger(times) || times < 1) {
    throw new Error(`Failed to call "cognito.failNext()": "times" must be a positive integer, got ${times}.`)
  }
  const status = options.status ?? (errorName === 'InternalErrorException' ? 500 : 400)
  planFailure(
    ctx,
    operation,
    new CognitoError(errorName, message ?? `${errorName} (planned with cognito.failNext())`, status),
    times,
  )
}
