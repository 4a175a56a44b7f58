/**
 * `npm run bench:cold`: the emulator's own time per operation of the workload (direct dispatch and the answer's
 * JSON, no transport), with warm caches and with cold ones. Under a test suite the SDK and MSW run about a
 * millisecond of their own code between two of our calls and push our code and data out of the CPU's caches; a
 * 16 MB memory sweep before each call does the same here without their noise (decisions/0013). Medians in µs.
 */
import { performance } from 'node:perf_hooks'
import { dispatch, TARGET_PREFIX } from '../src/core/dispatch.ts'
import { directContext } from './direct.ts'
import { createTarget, type Output, type Send, workloadUser } from './workload.ts'

const USERS = Number(process.env.BENCH_COLD_USERS ?? 2000)
const SWEEP_MB = Number(process.env.BENCH_COLD_SWEEP_MB ?? 16)

const sweep = new Float64Array((SWEEP_MB * 1024 * 1024) / 8)
let sink = 0
/** Touches one double per 64-byte line of SWEEP_MB. */
function evict(): void {
  for (let i = 0; i < sweep.length; i += 8) sink += sweep[i]!++
}

const times = new Map<string, number[]>()
let cold = false
let timing = false
const ctx = directContext()
const send: Send = async (operation, input) => {
  const body = JSON.stringify(input)
  if (cold) evict()
  const start = performance.now()
  const dispatched = dispatch(ctx, TARGET_PREFIX + operation, body)
  const result = dispatched instanceof Promise ? await dispatched : dispatched
  const answer = JSON.stringify(result.body)
  const ms = performance.now() - start
  if (timing) {
    const list = times.get(operation)
    if (list) list.push(ms)
    else times.set(operation, [ms])
  }
  if (result.status !== 200) throw new Error(`${operation}: ${answer}`)
  return result.body as Output
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
let next = 0

async function measure(withColdCaches: boolean): Promise<Map<string, number>> {
  cold = withColdCaches
  times.clear()
  timing = true
  for (let i = 0; i < USERS; i++) await workloadUser(send, target, `user-${next++}`)
  timing = false
  return new Map([...times].map(([operation, ms]) => [operation, median(ms) * 1000]))
}

const target = await createTarget(send)
for (let i = 0; i < 1000; i++) {
  await send('AdminCreateUser', {
    UserPoolId: target.UserPoolId,
    Username: `seed-${i}`,
    MessageAction: 'SUPPRESS',
  })
}
for (let i = 0; i < 500; i++) await workloadUser(send, target, `warmup-${next++}`)
const warm = await measure(false)
const coldTimes = await measure(true)

const rows = [...warm.keys()].map((operation) => {
  const w = warm.get(operation)!
  const c = coldTimes.get(operation)!
  return [operation, w.toFixed(0), c.toFixed(0), `${(c / w).toFixed(1)} ×`]
})
const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0)
rows.push([
  'per user',
  total(warm).toFixed(0),
  total(coldTimes).toFixed(0),
  `${(total(coldTimes) / total(warm)).toFixed(1)} ×`,
])
console.log(`Median µs per call, ${USERS} users each, cold = a ${SWEEP_MB} MB sweep before each call:\n`)
console.log('| Operation | warm | cold | cold / warm |\n| --- | --- | --- | --- |')
for (const row of rows) console.log(`| ${row.join(' | ')} |`)
if (sink < 0) console.log(sink) // keeps the sweep from being optimized away
