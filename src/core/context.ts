import type { SigningKey, State } from './state.ts'

/** What every operation receives besides its input: the shared state and the world around it. */
export interface Context {
  state: State
  region: string
  /** The 12-digit account id used in ARNs. */
  accountId: string
  now: () => Date
  /** Hands out signing keys for new pools (process-cached). */
  nextKey: () => Promise<SigningKey>
}

/** Epoch seconds of the context's clock. */
export const nowSeconds = (ctx: Context): number => Math.floor(ctx.now().getTime() / 1000)
