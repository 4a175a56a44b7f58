import type { RequestHandler } from 'msw'
import type { OutboxMessage, State } from './core/state.ts'
import type { LambdaContext, PreTokenGenerationVersion, TriggerHandler, Triggers } from './core/triggers.ts'

export type { LambdaContext, OutboxMessage, PreTokenGenerationVersion, State, TriggerHandler, Triggers }

/** Options of `createCognito`. Every one is optional. */
export interface CognitoOptions {
  /** The region of new user pools (the prefix of their ids). Default `us-east-1`. */
  region?: string
  /**
   * Where the handlers listen besides `https://cognito-idp.<region>.amazonaws.com/`. Default
   * `http://localhost:4566`.
   */
  endpoint?: string | string[]
  /** The clock, so tests can move time. Default the system clock. */
  now?: () => Date
  /** The account id in ARNs. Default `123456789012`. */
  accountId?: string
  /**
   * Lambda functions by ARN: a pool whose LambdaConfig names an ARN runs the function given for it, with the
   * event Cognito would send (see the README's "Triggers").
   *
   * @example
   * ```ts
   * createCognito({ functions: { 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up': handler } })
   * ```
   * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
   */
  functions?: Record<string, TriggerHandler>
  /**
   * Triggers for every pool, without ARNs: `{ preSignUp: handler, ... }`. A pool's own LambdaConfig wins.
   *
   * @example
   * ```ts
   * createCognito({ triggers: { preSignUp: async (event) => ({ ...event, response: { ...event.response, autoConfirmUser: true } }) } })
   * ```
   */
  triggers?: Triggers
}

/** A snapshot of the emulator's state: plain JSON. */
export type Snapshot = State

/** An emulated Cognito: MSW handlers over one shared state. */
export interface Cognito {
  /** MSW request handlers: pass them to `setupServer(...)` or `setupWorker(...)`. */
  readonly handlers: RequestHandler[]
  /** Every email or SMS Cognito would have sent, oldest first. */
  readonly outbox: OutboxMessage[]
  /** The region new pools are created in. */
  readonly region: string
  /** Empties the state: no pools, users or messages. */
  reset(): void
  /** A deep copy of the state, JSON-serializable. */
  snapshot(): Snapshot
  /** Replaces the state with a snapshot taken earlier (or parsed from JSON). */
  restore(snapshot: Snapshot): void
}
