import type { State } from './state.ts'
import type { PendingMessage } from './trigger-messages.ts'
import type { TriggerHandler, Triggers } from './triggers.ts'

/** What every operation receives besides its input: the shared state and the world around it. */
export interface Context {
  state: State
  region: string
  /** The 12-digit account id used in ARNs. */
  accountId: string
  now: () => Date
  /** Lambda functions by ARN, for the ARNs that pools' LambdaConfig names. */
  functions?: Record<string, TriggerHandler>
  /** Triggers for every pool (a pool's LambdaConfig wins). */
  triggers?: Triggers
  /** Set by `dispatch` for one call: what trigger events carry, and the messages waiting for a message trigger. */
  call?: CallContext
}

/** What one API call contributes to trigger events. */
export interface CallContext {
  /** The app client of the call (ClientId), if it has one. */
  clientId?: string
  /** The call's ClientMetadata. */
  clientMetadata?: Record<string, string>
  /** Messages that go through CustomMessage / CustomEmailSender / CustomSMSSender once state is written. */
  pending: PendingMessage[]
}

/** Epoch seconds of the context's clock. */
export const nowSeconds = (ctx: Context): number => Math.floor(ctx.now().getTime() / 1000)
/** The clock's epoch seconds with the milliseconds as a fraction, for deadlines finer than a second. */
export const nowExactSeconds = (ctx: Context): number => ctx.now().getTime() / 1000
