/**
 * `npm run bench`: issue 6's figures, measured in one run so that ratios compare like with like on a noisy
 * machine. Prints two Markdown tables (throughput, then targets with pass/fail) and exits 1 when a target is
 * missed. A figure that cannot be measured here (cognito-local not installable, SRP not answering) is printed as
 * skipped with the reason, and does not fail the run.
 *
 * The workload, per user: AdminCreateUser, AdminSetUserPassword (Permanent), InitiateAuth USER_PASSWORD_AUTH,
 * ListUsers (first page). Each set-up runs for about BENCH_ROUNDS × BENCH_ROUND_MS (default 6 × 1000 ms); set-ups
 * that are compared take one user each in turn, so a burst of load from elsewhere hits both alike.
 */
import { spawn } from 'node:child_process'
import { availableParallelism, cpus, totalmem } from 'node:os'
import { measureInstances } from './instances.ts'
import { COGNITO_LOCAL_VERSION, cognitoLocal } from './peers.ts'
import { measureScale } from './scale.ts'
import { measureSrp } from './srp-sign-in.ts'
import { type Backend, mswInProcess, mswPair, serverChildProcess } from './targets.ts'
import { createTarget, PASSWORD, type Target, WORKLOAD_CALLS_PER_USER, workloadUser } from './workload.ts'

const ROUND_MS = Number(process.env.BENCH_ROUND_MS ?? 1000)
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6)
const WARMUP_USERS = 20
/** Users in every set-up's pool before measuring, as in a test suite that has been running a while. */
const PREFILL = Number(process.env.BENCH_PREFILL ?? 1000)

interface SetUp {
  name: string
  backend?: Backend
  /** Why it could not run. */
  skipped?: string
  target?: Target
  users: number
  ms: number
}

interface Check {
  name: string
  measured: string
  required: string
  /** `undefined`: could not be measured here. */
  pass?: boolean
  note?: string
}

const log = (text: string) => process.stderr.write(`  ${text}\n`)
const fixed = (n: number, digits = 0) => n.toFixed(digits)
const callsPerSecond = (s: SetUp) => (s.users * WORKLOAD_CALLS_PER_USER * 1000) / s.ms

/** PREFILL users (AdminCreateUser, ten at a time), untimed. */
async function prefill(backend: Backend, { UserPoolId }: Target): Promise<void> {
  for (let i = 0; i < PREFILL; i += 10) {
    const batch = Array.from({ length: Math.min(10, PREFILL - i) }, (_, j) => `seed-${i + j}`)
    await Promise.all(
      batch.map((Username) =>
        backend.send('AdminCreateUser', { UserPoolId, Username, MessageAction: 'SUPPRESS' }),
      ),
    )
  }
}

async function throughput(): Promise<{ setUps: SetUp[]; checks: Check[] }> {
  log('throughput: starting the set-ups')
  const pair = mswPair()
  const setUps: SetUp[] = [
    { name: 'ceiling: SDK v3 → MSW, a handler returning a constant', backend: pair.ceiling, users: 0, ms: 0 },
    { name: '(a) SDK v3 → MSW → cognito-msw, in-process', backend: pair.emulator, users: 0, ms: 0 },
    { name: '(b) SDK v3 → cognito-msw server (`cognito-msw` command)', users: 0, ms: 0 },
    { name: `(c) SDK v3 → cognito-local ${COGNITO_LOCAL_VERSION} server`, users: 0, ms: 0 },
  ]
  const [ceiling, inProcess, server, peer] = setUps as [SetUp, SetUp, SetUp, SetUp]
  server.backend = await serverChildProcess()
  try {
    peer.backend = await cognitoLocal()
  } catch (error) {
    peer.skipped = (error as Error).message.split('\n')[0]!.slice(0, 300)
    log(`cognito-local cannot run here: ${peer.skipped}`)
  }
  let next = 0
  try {
    for (const s of setUps) {
      if (!s.backend) continue
      s.backend.enter?.()
      s.target = await createTarget(s.backend.send)
      await prefill(s.backend, s.target)
      for (let i = 0; i < WARMUP_USERS; i++) await workloadUser(s.backend.send, s.target, `warmup-${i}`)
      s.backend.leave?.()
    }
    // Set-ups are compared in pairs measured under the same conditions: one user on each in turn, the pair with
    // MSW's interception on (ceiling and in-process), then the pair over HTTP with it off.
    for (const [x, y] of [
      [ceiling, inProcess],
      [server, peer],
    ] as const) {
      const live = [x, y].filter((s) => s.backend && s.target)
      for (const s of live) s.backend!.enter?.()
      const until = performance.now() + ROUNDS * ROUND_MS * live.length
      while (performance.now() < until) {
        for (const s of live) {
          const start = performance.now()
          await workloadUser(s.backend!.send, s.target!, `user-${next++}`)
          s.ms += performance.now() - start
          s.users++
        }
      }
      for (const s of live) s.backend!.leave?.()
      log(`throughput: ${live.map((s) => s.name.split(' ')[0]).join(' and ')} done`)
    }
  } finally {
    pair.stop()
    await server.backend.stop()
    await peer.backend?.stop()
  }
  const ratioToCeiling = callsPerSecond(inProcess) / callsPerSecond(ceiling)
  const checks: Check[] = [
    {
      name: '(a) in-process throughput vs the ceiling',
      measured: `${fixed(ratioToCeiling, 2)} ×`,
      required: '≥ 0.8 ×',
      pass: ratioToCeiling >= 0.8,
    },
  ]
  if (peer.skipped) {
    checks.push({
      name: '(b) server throughput vs cognito-local',
      measured: '—',
      required: '≥ 10 ×',
      note: `skipped: ${peer.skipped}`,
    })
  } else {
    const ratio = callsPerSecond(server) / callsPerSecond(peer)
    checks.push({
      name: '(b) server throughput vs cognito-local',
      measured: `${fixed(ratio, 1)} ×`,
      required: '≥ 10 ×',
      pass: ratio >= 10,
      note: `in-process (a) is ${fixed(callsPerSecond(inProcess) / callsPerSecond(peer), 1)} × cognito-local`,
    })
  }
  return { setUps, checks }
}

async function scale(): Promise<Check> {
  log('scale: building pools of 100 and 10,000 users')
  const { small, large } = await measureScale(100, 10_000, 8000)
  const ratio = large.callsPerSecond / small.callsPerSecond
  return {
    name: 'throughput at 10,000 users vs at 100 users (handlers, no SDK)',
    measured: `${fixed(ratio, 2)} × (${fixed(large.callsPerSecond)} vs ${fixed(small.callsPerSecond)} calls/s)`,
    required: '≥ 0.9 ×',
    pass: ratio >= 0.9,
  }
}

async function srp(): Promise<Check> {
  log('SRP: signing in with amazon-cognito-identity-js')
  const backend = await mswInProcess()
  try {
    const target = await createTarget(backend.send)
    const usernames = Array.from({ length: 20 }, (_, i) => `srp-${i}`)
    for (const Username of usernames) {
      await backend.send('AdminCreateUser', {
        UserPoolId: target.UserPoolId,
        Username,
        MessageAction: 'SUPPRESS',
      })
      await backend.send('AdminSetUserPassword', {
        UserPoolId: target.UserPoolId,
        Username,
        Password: PASSWORD,
        Permanent: true,
      })
    }
    const result = await measureSrp(backend, target, usernames, 3, 1000)
    const name = 'SRP sign-in vs USER_PASSWORD_AUTH sign-in (SDK v3 → MSW, in-process)'
    if (!result.ok) return { name, measured: '—', required: '≥ 0.5 ×', note: `skipped: ${result.reason}` }
    const ratio = result.srpPerSecond / result.passwordPerSecond
    return {
      name,
      measured: `${fixed(ratio, 2)} × (${fixed(result.srpPerSecond)} vs ${fixed(result.passwordPerSecond)} sign-ins/s)`,
      required: '≥ 0.5 ×',
      pass: ratio >= 0.5,
      note:
        'emulator time only; the client library’s own SRP math took a further ' +
        `${fixed(result.clientMsPerSignIn, 1)} ms per sign-in`,
    }
  } finally {
    await backend.stop()
  }
}

async function instances(): Promise<Check> {
  log('instances: 100 fresh createCognito() against one')
  const { freshMs, oneMs } = await measureInstances(100, 3)
  const ratio = freshMs / oneMs
  return {
    name: '100 fresh createCognito() issuing one token each vs 100 tokens from one instance',
    measured: `${fixed(ratio, 2)} × (${fixed(freshMs)} vs ${fixed(oneMs)} ms)`,
    required: '≤ 5 ×',
    pass: ratio <= 5,
    note: 'each fresh instance also creates its pool, app client and user',
  }
}

/** bench/memory.ts in its own process with `--expose-gc`, so nothing else shares its heap. */
async function memory(): Promise<Check> {
  log('memory: a pool of 100,000 users (own process, --expose-gc)')
  const script = new URL('./memory.ts', import.meta.url).pathname
  const child = spawn(
    process.execPath,
    ['--expose-gc', '--experimental-strip-types', '--no-warnings', script, '100000'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
  const name = 'heap for a pool of 100,000 users'
  if (code !== 0) return { name, measured: '—', required: '≤ 150 MB', pass: false, note: `exit ${code}` }
  const { users, bytes, seconds } = JSON.parse(output) as { users: number; bytes: number; seconds: number }
  const mb = bytes / 1024 / 1024
  return {
    name,
    measured: `${fixed(mb)} MB (${fixed(bytes / users)} bytes per user)`,
    required: '≤ 150 MB',
    pass: mb <= 150,
    note: `created in ${fixed(seconds, 1)} s through dispatch, with an email each and the indexes`,
  }
}

function table(header: string[], rows: string[][]): string {
  return [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}

const started = performance.now()
const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log('# cognito-msw benchmark\n')
console.log(
  `Node ${process.version}, ${process.platform} ${process.arch}, ${cpu}, ${availableParallelism()} CPUs, ` +
    `${fixed(totalmem() / 2 ** 30)} GiB. Throughput: about ${fixed((ROUNDS * ROUND_MS) / 1000)} s per set-up, ` +
    'set-ups compared in pairs taking one user each in turn, ' +
    `in pools of ${PREFILL} users (made untimed) after ${WARMUP_USERS} warm-up users; one client, one call at a ` +
    'time.\n',
)
const { setUps, checks } = await throughput()
checks.push(await scale(), await srp(), await instances(), await memory())

console.log('## Throughput\n')
console.log(
  'Per user: AdminCreateUser, AdminSetUserPassword (Permanent), InitiateAuth USER_PASSWORD_AUTH, ListUsers.\n',
)
console.log(
  table(
    ['Set-up', 'Users/s', 'Calls/s', 'ms per call'],
    setUps.map((s) =>
      s.skipped
        ? [s.name, '—', '—', `not run: ${s.skipped}`]
        : [
            s.name,
            fixed((s.users * 1000) / s.ms),
            fixed(callsPerSecond(s)),
            fixed(1000 / callsPerSecond(s), 2),
          ],
    ),
  ),
)
console.log('\n## Targets\n')
const verdict = (c: Check) => (c.pass === undefined ? 'skipped' : c.pass ? 'pass' : '**FAIL**')
console.log(
  table(
    ['Target', 'Measured', 'Required', 'Result', 'Note'],
    checks.map((c) => [c.name, c.measured, c.required, verdict(c), c.note ?? '']),
  ),
)
const failed = checks.filter((c) => c.pass === false)
const skipped = checks.filter((c) => c.pass === undefined)
console.log(
  `\n${checks.length - failed.length - skipped.length} of ${checks.length} targets met` +
    (skipped.length ? `, ${skipped.length} skipped` : '') +
    `, in ${fixed((performance.now() - started) / 1000)} s.`,
)
if (failed.length) {
  console.error(`Missed: ${failed.map((c) => c.name).join('; ')}.`)
  process.exitCode = 1
}
