import type { Context } from './context.ts'
import { errors } from './errors.ts'
import type { ClientRecord, PoolRecord, State } from './state.ts'

/** The pool with this id, or Cognito's `ResourceNotFoundException`. */
export function requirePool(ctx: Context, userPoolId: string): PoolRecord {
  const pool = ctx.state.pools[userPoolId]
  if (!pool) throw errors.poolNotFound(userPoolId)
  return pool
}

/** The client with this id in a known pool, or Cognito's `ResourceNotFoundException`. */
export function requirePoolClient(pool: PoolRecord, clientId: string): ClientRecord {
  const client = pool.clients[clientId]
  if (!client) throw errors.clientNotFound(clientId)
  return client
}

const clientPools = new WeakMap<State, Map<string, string>>()

/**
 * The pool and client for a client id alone, as the unauthenticated operations (SignUp, InitiateAuth, ...)
 * receive it. The client → pool map is derived from the state and rebuilt when it misses.
 */
export function requireClient(ctx: Context, clientId: string): { pool: PoolRecord; client: ClientRecord } {
  const found = lookupClient(ctx.state, clientId, false) ?? lookupClient(ctx.state, clientId, true)
  if (!found) throw errors.clientNotFound(clientId)
  return found
}

function lookupClient(state: State, clientId: string, rebuild: boolean) {
  let map = clientPools.get(state)
  if (!map || rebuild) {
    map = new Map()
    for (const pool of Object.values(state.pools)) {
      for (const id of Object.keys(pool.clients)) map.set(id, pool.config.Id)
    }
    clientPools.set(state, map)
  }
  const poolId = map.get(clientId)
  const pool = poolId === undefined ? undefined : state.pools[poolId]
  const client = pool?.clients[clientId]
  return pool && client ? { pool, client } : undefined
}
