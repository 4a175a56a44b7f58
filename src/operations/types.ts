import type { Context } from '../core/context.ts'

/** An operation's input after validation against the API model: a JSON object. */
// biome-ignore lint/suspicious/noExplicitAny: inputs are checked against the AWS model before an operation runs
export type Input = Record<string, any>

/**
 * A Cognito operation: a plain function over the shared state. It returns the response body, or throws a
 * `CognitoError`. It must not `await` between reading and writing state.
 */
export type Operation = (input: Input, ctx: Context) => unknown

/** A response body (or a member of one), as AWS's JSON 1.1 protocol sends it. */
export type Output = Record<string, unknown>
