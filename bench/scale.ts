/**
 * Run by bench/run.ts in its own process (`scale.ts <small> <large> <ms>`), printing one JSON line.
 *
 * Throughput of the workload in a pool of 100 users against one of 10,000, measured through the handlers with
 * `getResponse` (no SDK and no interception, so that a per-call cost that grows with the pool is not hidden by
 * fixed costs). The pools take one user each in turn, so load from elsewhere hits both alike.
 */
import { fileURLToPath } from 'node:url'
import { getResponse } from 'msw'
import { createHandlers } from '../src/handlers.ts'
import { addUsers, directContext, directSend } from './direct.ts'
import { createTarget, type Send, type Target, WORKLOAD_CALLS_PER_USER, workloadUser } from './workload.ts'

interface Pool {
  size: number
  send: Send
  direct: Send
  target: Target
  users: number
  ms: number
}

async function makePool(size: number): Promise<Pool> {
  const ctx = directContext()
  const direct = directSend(ctx)
  const target = await createTarget(direct)
  await addUsers(direct, target.UserPoolId, 'seed-', size)
  const handlers = createHandlers(ctx, ['http://localhost:4566'])
  const send: Send = async (operation, input) => {
    const request = new Request('http://localhost:4566/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
    })
    const response = (await getResponse(handlers, request, { quiet: true }))!
    const body = await response.json()
    if (response.status !== 200) throw new Error(`${operation}: ${JSON.stringify(body)}`)
    return body
  }
  return { size, send, direct, target, users: 0, ms: 0 }
}

export interface ScaleResult {
  small: { size: number; callsPerSecond: number }
  large: { size: number; callsPerSecond: number }
}

/**
 * One user on each pool in turn for about `ms` in all; every 50 users the ones added are deleted again (untimed),
 * so the pools stay at their sizes.
 */
export async function measureScale(small: number, large: number, ms: number): Promise<ScaleResult> {
  const pools = [await makePool(small), await makePool(large)]
  const added: string[] = []
  let next = 0
  const trim = async () => {
    for (const Username of added.splice(0)) {
      for (const pool of pools)
        await pool.direct('AdminDeleteUser', { UserPoolId: pool.target.UserPoolId, Username })
    }
  }
  for (let i = 0; i < 20; i++) {
    const name = `warmup-${i}`
    for (const pool of pools) await workloadUser(pool.send, pool.target, name)
    added.push(name)
  }
  await trim()
  const until = performance.now() + ms
  while (performance.now() < until) {
    const name = `user-${next++}`
    for (const pool of next % 2 ? pools : [...pools].reverse()) {
      const start = performance.now()
      await workloadUser(pool.send, pool.target, name)
      pool.ms += performance.now() - start
      pool.users++
    }
    added.push(name)
    if (added.length === 50) await trim()
  }
  const rate = (p: Pool) => ({
    size: p.size,
    callsPerSecond: (p.users * WORKLOAD_CALLS_PER_USER * 1000) / p.ms,
  })
  return { small: rate(pools[0]!), large: rate(pools[1]!) }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [small, large, ms] = process.argv.slice(2).map(Number)
  console.log(JSON.stringify(await measureScale(small ?? 100, large ?? 10_000, ms ?? 8000)))
}
