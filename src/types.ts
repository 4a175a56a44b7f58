import type { RequestHandler } from 'msw'
import type { OutboxMessage, State } from './core/state.ts'
import type { AuthenticationResult } from './core/tokens.ts'
import type { LambdaContext, PreTokenGenerationVersion, TriggerHandler, Triggers } from './core/triggers.ts'
import type { Clock } from './helpers/clock.ts'
import type { CreatedUser, CreateUserOptions } from './helpers/create-user.ts'
import type { FailNextOptions } from './helpers/fail-next.ts'
import type { LatestCodeOptions } from './helpers/latest-code.ts'
import type { CognitoSeed, SeedClient, SeedGroup, SeedMfa, SeedPool, SeedUser } from './seed/seed-types.ts'

export type {
  AuthenticationResult,
  Clock,
  CognitoSeed,
  CreatedUser,
  CreateUserOptions,
  FailNextOptions,
  LambdaContext,
  LatestCodeOptions,
  OutboxMessage,
  PreTokenGenerationVersion,
  SeedClient,
  SeedGroup,
  SeedMfa,
  SeedPool,
  SeedUser,
  State,
  TriggerHandler,
  Triggers,
}

/**
 * Options of `createCognito`. Every one is optional.
 *
 * @example
 * ```ts
 * const cognito = createCognito({ region: 'eu-west-1', endpoint: 'http://localhost:9229' })
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
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
   * Pools, app clients (with fixed ids if given), groups and users to start with, built synchronously through
   * the operations, so AWS's defaults and validation apply; `reset()` builds them again. A bad entry throws
   * `Failed to seed Cognito mock: pools[0].users[2].password: ...`. Skipped when `storage` holds a state.
   *
   * @example
   * ```ts
   * createCognito({ seed: { pools: [{ id: 'us-east-1_Example01', name: 'app', users: [{ username: 'alice', password: 'Correct-Horse-42' }] }] } })
   * ```
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
   */
  seed?: CognitoSeed
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
  /**
   * Where the state is kept between runs, e.g. `localStorageAdapter()` in a browser, so that users survive a page
   * reload. Read once by `createCognito` (a saved state replaces the empty one) and written after every operation
   * that may change the state, before its answer is sent, and after `reset()` and `restore()`.
   *
   * @example
   * ```ts
   * import { createCognito, localStorageAdapter } from 'cognito-msw'
   *
   * const cognito = createCognito({ storage: localStorageAdapter() })
   * ```
   * @note The standalone server keeps its state in a file instead: `cognito-msw --state <file>`.
   */
  storage?: CognitoStorage
  /**
   * Called after every operation that may have changed the state (and after `reset()` and `restore()`), before its
   * answer is sent; a returned promise holds the answer back until it settles. Read-only operations (`Describe*`,
   * `List*`, `Get*` except `GetTokensFromRefreshToken` and `GetUserAttributeVerificationCode`) do not call it.
   *
   * @example
   * ```ts
   * let changes = 0
   * const cognito = createCognito({ onChange: () => void changes++ })
   * ```
   * @note The standalone server uses it to save `--state` before answering; `JSON.stringify(cognito)` gives the
   * state without copying it first.
   */
  onChange?: () => void | Promise<void>
}

/**
 * Somewhere to keep the state as JSON text: `load` returns what `save` last stored, or `null` when nothing was.
 *
 * @example
 * ```ts
 * const memory: CognitoStorage = { load: () => saved, save: (json) => { saved = json } }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
export interface CognitoStorage {
  load(): string | null
  save(json: string): void
}

/**
 * A snapshot of the emulator's state: plain JSON.
 *
 * @example
 * ```ts
 * const before: Snapshot = cognito.snapshot()
 * cognito.restore(before)
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UserPoolType.html
 */
export type Snapshot = State

/**
 * An emulated Cognito: MSW handlers over one shared state.
 *
 * @example
 * ```ts
 * const cognito: Cognito = createCognito()
 * const server = setupServer(...cognito.handlers)
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
export interface Cognito {
  /** MSW request handlers: pass them to `setupServer(...)` or `setupWorker(...)`. */
  readonly handlers: RequestHandler[]
  /** Every email or SMS Cognito would have sent, oldest first. */
  readonly outbox: OutboxMessage[]
  /** The region new pools are created in. */
  readonly region: string
  /**
   * The emulator's clock (the `now` option plus an offset): `cognito.clock.advance(3600)` moves it an hour on.
   * `reset()` takes the offset away.
   */
  readonly clock: Clock
  /**
   * The code of the newest outbox message to a user (by username, email, phone number or destination), e.g.
   * to answer ConfirmSignUp. Throws when the outbox has none.
   *
   * @example
   * ```ts
   * const code = cognito.latestCode('alice@example.com', { reason: 'SignUp' })
   * ```
   */
  latestCode(username: string, options?: LatestCodeOptions): string
  /**
   * Creates a CONFIRMED user in one call (AdminCreateUser's and the password policy's checks, no message) and
   * returns its tokens for the pool's first app client (or `clientId`).
   *
   * @example
   * ```ts
   * const { tokens } = await cognito.createUser({ username: 'alice', password: 'Correct-Horse-42' })
   * ```
   */
  createUser(options: CreateUserOptions): Promise<CreatedUser>
  /**
   * Makes the next call of `operation` (or the next `times` calls) fail with the AWS error `errorName`, before
   * its input is even read. The AWS SDK retries throttling and 5xx errors: pass `times` or `maxAttempts: 1`.
   *
   * @example
   * ```ts
   * cognito.failNext('InitiateAuth', 'TooManyRequestsException', 'Rate exceeded')
   * ```
   * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
   */
  failNext(operation: string, errorName: string, message?: string, options?: FailNextOptions): void
  /** Empties the state (then builds the `seed` again), puts the clock back and forgets planned failures. */
  reset(): void
  /** A deep copy of the state, JSON-serializable. */
  snapshot(): Snapshot
  /** Replaces the state with a snapshot taken earlier (or parsed from JSON). */
  restore(snapshot: Snapshot): void
  /**
   * The live state, so that `JSON.stringify(cognito)` serializes it without a copy first. Do not change what it
   * returns; use `snapshot()` for a copy.
   */
  toJSON(): Snapshot
}
