import type { Context } from '../core/context.ts'
import { applySeed, SeedError } from './apply-seed.ts'

/** Builds the seed into `ctx.state`, or throws `Failed to seed Cognito mock: <entry path>: <why>`. */
export function seedState(ctx: Context, seed: unknown): void {
  try {
    applySeed(ctx, seed)
  } catch (error) {
    if (!(error instanceof SeedError)) throw error
    throw new Error(`Failed to seed Cognito mock: ${error.message}`)
  }
}
