/**
 * `npm run bench`: ops/s for issue 2's workload (per user AdminCreateUser, AdminSetUserPassword Permanent,
 * InitiateAuth USER_PASSWORD_AUTH) through the AWS SDK v3 in several set-ups, plus the handlers alone for reference. Prints a Markdown table.
 * Add a row by adding a scenario to `SCENARIOS`. BENCH_SECONDS sets the measured time per row (default 5);
 * BENCH_ONLY=<text> runs only the scenarios whose name contains it.
 */
import { availableParallelism } from 'node:os'
import { type Backend, handlersOnly, mswInProcess, serverChildProcess, serverInProcess } from './targets.ts'
import { CALLS_PER_USER, createTarget, signInUser } from './workload.ts'

interface Scenario {
  name: string
  backend: () => Promise<Backend>
  /** Users signed in at the same time. */
  concurrency: number
}

const SCENARIOS: Scenario[] = [
  { name: 'handlers via getResponse (no SDK, no HTTP)', backend: handlersOnly, concurrency: 1 },
  { name: 'SDK v3 → MSW setupServer (in-process)', backend: mswInProcess, concurrency: 1 },
  { name: 'SDK v3 → MSW setupServer (in-process)', backend: mswInProcess, concurrency: 8 },
  { name: 'SDK v3 → startServer (same process, HTTP)', backend: serverInProcess, concurrency: 1 },
  { name: 'SDK v3 → cognito-msw server (child process)', backend: serverChildProcess, concurrency: 1 },
  { name: 'SDK v3 → cognito-msw server (child process)', backend: serverChildProcess, concurrency: 8 },
]

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5)
const WARMUP_USERS = 30

interface Row {
  scenario: Scenario
  users: number
  seconds: number
}

async function measure(scenario: Scenario): Promise<Row> {
  const backend = await scenario.backend()
  try {
    const target = await createTarget(backend.send)
    let next = 0
    const worker = async (until: number) => {
      let done = 0
      while (performance.now() < until) {
        await signInUser(backend.send, target, `user-${next++}`)
        done++
      }
      return done
    }
    for (let i = 0; i < WARMUP_USERS; i++) await signInUser(backend.send, target, `warmup-${i}`)
    const start = performance.now()
    const until = start + SECONDS * 1000
    const counts = await Promise.all(Array.from({ length: scenario.concurrency }, () => worker(until)))
    const seconds = (performance.now() - start) / 1000
    return { scenario, users: counts.reduce((a, b) => a + b, 0), seconds }
  } finally {
    await backend.stop()
  }
}

function format(rows: Row[]): string {
  const header = ['Scenario', 'Concurrency', 'Users', 'Users/s', 'Calls/s', 'ms/user']
  const lines = rows.map(({ scenario, users, seconds }) => [
    scenario.name,
    String(scenario.concurrency),
    String(users),
    (users / seconds).toFixed(0),
    ((users * CALLS_PER_USER) / seconds).toFixed(0),
    ((seconds * 1000 * scenario.concurrency) / users).toFixed(2),
  ])
  const table = [header, header.map(() => '---'), ...lines]
  return table.map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

console.log(
  'cognito-msw benchmark. Per user: AdminCreateUser, AdminSetUserPassword (Permanent), ' +
    'InitiateAuth USER_PASSWORD_AUTH (3 calls).',
)
console.log(
  `Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs, ` +
    `${SECONDS} s per row after ${WARMUP_USERS} warm-up users.\n`,
)
const only = process.env.BENCH_ONLY
const rows: Row[] = []
for (const scenario of SCENARIOS.filter((s) => !only || s.name.includes(only))) {
  rows.push(await measure(scenario))
  process.stderr.write(`  done: ${scenario.name}, concurrency ${scenario.concurrency}\n`)
}
console.log(format(rows))
