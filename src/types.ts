import type { RequestHandler } from 'msw'
import type { OutboxMessage, State } from './core/state.ts'

export type { OutboxMessage, State }

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
