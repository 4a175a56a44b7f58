/**
 * Run by bench/run.ts in its own process with `--expose-gc`: the heap a pool of USERS users takes (each with an
 * email, a sub and a temporary password, and the indexes over them), as heapUsed after a full GC minus heapUsed
 * before. Prints one JSON line.
 */
import { getUserByUsername } from '../src/core/indexes.ts'
import { addUsers, directContext, directSend } from './direct.ts'
import { createTarget } from './workload.ts'

const USERS = Number(process.argv[2] ?? 100_000)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('bench/memory.ts needs node --expose-gc')

const ctx = directContext()
const send = directSend(ctx)
const target = await createTarget(send)
gc()
const before = process.memoryUsage().heapUsed
const start = performance.now()
await addUsers(send, target.UserPoolId, 'user-', USERS)
const seconds = (performance.now() - start) / 1000
const pool = ctx.state.pools[target.UserPoolId]!
if (!getUserByUsername(pool, 'user-000000')) throw new Error('the first user is missing')
gc()
const after = process.memoryUsage().heapUsed
if (Object.keys(pool.users).length !== USERS) throw new Error('wrong number of users')
console.log(JSON.stringify({ users: USERS, bytes: after - before, seconds }))
