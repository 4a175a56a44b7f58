import type { Context } from './core/context.ts'
import { createKeySource } from './core/keys.ts'
import { emptyState, type State } from './core/state.ts'
import { checkFunctions, checkTriggers } from './core/trigger-options.ts'
import { createHandlers } from './handlers.ts'
import type { Cognito, CognitoOptions, Snapshot } from './types.ts'

const REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/

/**
 * Creates an emulated Cognito user pools service with its own empty state.
 *
 * @example
 * ```ts
 * import { setupServer } from 'msw/node'
 * import { createCognito } from 'cognito-msw'
 *
 * const cognito = createCognito({ region: 'eu-west-1' })
 * const server = setupServer(...cognito.handlers)
 * server.listen()
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
export function createCognito(options: CognitoOptions = {}): Cognito {
  const region = options.region ?? 'us-east-1'
  if (!REGION.test(region)) {
    throw new Error(`Failed to create Cognito mock: "region" must look like "us-east-1", got "${region}".`)
  }
  const accountId = options.accountId ?? '123456789012'
  if (!/^\d{12}$/.test(accountId)) {
    throw new Error(`Failed to create Cognito mock: "accountId" must be 12 digits, got "${accountId}".`)
  }
  const endpoints = [options.endpoint ?? 'http://localhost:4566'].flat()
  for (const e of endpoints) {
    if (!URL.canParse(e))
      throw new Error(`Failed to create Cognito mock: "endpoint" must be a URL, got "${e}".`)
  }
  const ctx: Context = {
    state: emptyState(),
    region,
    accountId,
    now: options.now ?? (() => new Date()),
    nextKey: createKeySource(),
    functions: checkFunctions(options.functions),
    triggers: checkTriggers(options.triggers),
  }
  return {
    handlers: createHandlers(ctx, endpoints),
    get outbox() {
      return ctx.state.outbox
    },
    region,
    reset() {
      ctx.state = emptyState()
    },
    snapshot(): Snapshot {
      return structuredClone(ctx.state)
    },
    restore(snapshot: Snapshot) {
      if (snapshot?.version !== 1 || typeof snapshot.pools !== 'object') {
        throw new Error('Failed to restore Cognito mock: not a snapshot from cognito.snapshot().')
      }
      ctx.state = structuredClone(snapshot) as State
    },
  }
}
