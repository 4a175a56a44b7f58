import type { Context } from './core/context.ts'
import { TARGET_PREFIX } from './core/dispatch.ts'
import { clearFailures } from './core/fail-next.ts'
import { emptyState, normalizeState, type State } from './core/state.ts'
import { checkFunctions, checkTriggers } from './core/trigger-options.ts'
import { createHandlers } from './handlers.ts'
import { createClock } from './helpers/clock.ts'
import { createUser } from './helpers/create-user.ts'
import { failNext } from './helpers/fail-next.ts'
import { latestCode } from './helpers/latest-code.ts'
import { ALL_OPERATIONS } from './model/operations.ts'
import { seedState } from './seed/seed-state.ts'
import type { Cognito, CognitoOptions, CognitoStorage, Snapshot } from './types.ts'

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
  const clock = createClock(options.now)
  const ctx: Context = {
    state: emptyState(),
    region,
    accountId,
    now: clock.now,
    functions: checkFunctions(options.functions),
    triggers: checkTriggers(options.triggers),
  }
  const { storage, onChange } = options
  if (storage) ctx.state = loadState(storage)
  /** Saves to `storage` and calls `onChange`; the answer of the operation waits for it. */
  const changed = (): void | Promise<void> => {
    storage?.save(JSON.stringify(ctx.state))
    return onChange?.()
  }
  const afterOperation = (target: string | null) => (mayChange(target) ? changed() : undefined)
  const { seed } = options
  // A state loaded from `storage` came from the seed already.
  if (seed !== undefined && Object.keys(ctx.state.pools).length === 0) seedState(ctx, seed)
  return {
    handlers: createHandlers(ctx, endpoints, storage || onChange ? afterOperation : undefined),
    get outbox() {
      return ctx.state.outbox
    },
    region,
    clock,
    latestCode: (username, options) => latestCode(ctx.state, username, options),
    async createUser(options) {
      const created = await createUser(ctx, options)
      await changed()
      return created
    },
    failNext(operation, errorName, message, options) {
      failNext(ctx, operation, errorName, message, options)
    },
    reset() {
      ctx.state = emptyState()
      if (seed !== undefined) seedState(ctx, seed)
      clock.reset()
      clearFailures(ctx)
      settle(changed())
    },
    snapshot(): Snapshot {
      return structuredClone(ctx.state)
    },
    restore(snapshot: Snapshot) {
      if (!isSnapshot(snapshot)) {
        throw new Error('Failed to restore Cognito mock: not a snapshot from cognito.snapshot().')
      }
      ctx.state = normalizeState(structuredClone(snapshot) as State)
      settle(changed())
    },
    toJSON: () => ctx.state,
  }
}

/** `reset()` and `restore()` cannot wait; whoever needs the save awaits `onChange` (e.g. the server). */
const settle = (pending: void | Promise<void>) => {
  pending?.catch(() => {})
}

const isSnapshot = (value: unknown): value is Snapshot =>
  (value as Snapshot | undefined)?.version === 1 && typeof (value as Snapshot).pools === 'object'

function loadState(storage: CognitoStorage): State {
  const saved = storage.load()
  if (saved === null || saved === undefined) return emptyState()
  let parsed: unknown
  try {
    parsed = JSON.parse(saved)
  } catch (error) {
    throw new Error(
      `Failed to create Cognito mock: the state in "storage" is not JSON (${(error as Error).message}). ` +
        'Clear the storage or pass another one.',
    )
  }
  if (!isSnapshot(parsed)) {
    throw new Error(
      'Failed to create Cognito mock: the state in "storage" is not a saved Cognito state. ' +
        'Clear the storage or pass another one.',
    )
  }
  return normalizeState(parsed)
}

const READ_ONLY =
  /^(Describe|List|AdminList|AdminGet)|^Get(?!TokensFromRefreshToken$|UserAttributeVerificationCode$)/

/** Whether an API call may change the state: every operation but the read-only ones (and unknown targets). */
function mayChange(target: string | null): boolean {
  const name = target?.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined
  return name !== undefined && ALL_OPERATIONS.has(name) && !READ_ONLY.test(name)
}

/**
 * A `storage` for `createCognito` over the browser's `localStorage` (or any Web Storage), under one key.
 *
 * @example
 * ```ts
 * import { setupWorker } from 'msw/browser'
 * import { createCognito, localStorageAdapter } from 'cognito-msw'
 *
 * const cognito = createCognito({ storage: localStorageAdapter() })
 * await setupWorker(...cognito.handlers).start()
 * ```
 * @note Web Storage holds a few megabytes per origin: enough for thousands of users, not for a load test.
 * @see https://developer.mozilla.org/docs/Web/API/Window/localStorage
 */
export function localStorageAdapter(
  options: { key?: string; storage?: Pick<Storage, 'getItem' | 'setItem'> } = {},
): CognitoStorage {
  const key = options.key ?? 'cognito-msw'
  const storage = options.storage ?? globalThis.localStorage
  if (!storage) {
    throw new Error(
      'Failed to create the localStorage adapter: there is no "localStorage" here. Pass one as "storage".',
    )
  }
  return { load: () => storage.getItem(key), save: (json) => storage.setItem(key, json) }
}
