/**
 * A second thread for SRP's 3072-bit powers, in Node only.
 *
 * An SRP exchange needs three exponentiations of about 0.55 ms each: g^b, which can be made ahead, and v^u and
 * (A·v^u)^b, which can be computed between InitiateAuth and RespondToAuthChallenge while the client does its own
 * math. Node's asynchronous crypto would hand results back through the event loop, and one extra turn of the loop
 * costs a call through the SDK and MSW about 0.3 ms. This thread is reached through shared memory instead: the
 * request thread posts a job and later collects the result synchronously (`Atomics.wait` if it is not ready), so
 * operations stay atomic and no result waits for a turn of the loop. See decisions/0010-helper-thread.md.
 *
 * - A job still queued when its result is wanted is taken back and computed in the calling thread, so a caller
 *   never waits for the helper to finish other work first.
 * - No helper (browsers, a single CPU, `COGNITO_MSW_HELPER_THREAD=off`, a failed self-check, a helper that stopped
 *   answering): `helperThread()` is undefined and callers compute in their own thread, as before.
 * - The helper is unref'd: it never keeps a Node process alive.
 */
import { toHex } from './sha256.ts'
import { HOT_MS, POLL_MS, startThread, threadsAvailable } from './threads.ts'

/** A job's result, collected once with `take()`. */
export interface Ticket {
  /** The result bytes; computes them in this thread if the helper has not started the job (or failed it). */
  take(): Uint8Array
}

export interface HelperThread {
  /** `base ^ exp mod modulus`, in the background (all big-endian bytes; base < modulus). */
  pow(base: Uint8Array, exp: Uint8Array, modulus: Uint8Array, inline: () => Uint8Array): Ticket
  /** SRP's S = (A · v^u mod N)^b mod N, in the background. */
  srpSecret(
    parts: { A: Uint8Array; v: Uint8Array; u: Uint8Array; b: Uint8Array; N: Uint8Array },
    inline: () => Uint8Array,
  ): Ticket
}

const SLOTS = 32
const SLOT_BYTES = 2048
/**
 * Int32 control words: [0] bumps on every job; [1] is 1 while the helper checks for jobs on its own (POLLING);
 * then per slot its state, kind, output length and job number. The helper runs the oldest queued job first.
 */
const POLLING = 1
const HEADER = 2
const WORDS_PER_SLOT = 4
const CONTROL_WORDS = HEADER + SLOTS * WORDS_PER_SLOT

const FREE = 0
const QUEUED = 1
const RUNNING = 2
const DONE = 3
const FAILED = 4

const POW = 1
const SRP = 2

/** How long a result may take before the helper is declared stuck and never used again. */
const STUCK_MS = 5000

/**
 * The helper's code (CommonJS, run with `eval: true`). Jobs carry their inputs as length-prefixed byte strings in
 * their slot. Powers use OpenSSL through an RSA public-key operation without padding, as core/modpow.ts does.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const crypto = require('node:crypto')
const { buffer, slots, slotBytes, header, wordsPerSlot } = workerData
const control = new Int32Array(buffer, 0, header + slots * wordsPerSlot)
const data = new Uint8Array(buffer, (header + slots * wordsPerSlot) * 4)
const NO_PADDING = crypto.constants.RSA_NO_PADDING

function parts(slot) {
  const out = []
  let at = slot * slotBytes
  const count = data[at++]
  for (let i = 0; i < count; i++) {
    const length = (data[at] << 8) | data[at + 1]
    at += 2
    out.push(Buffer.from(data.subarray(at, at + length)))
    at += length
  }
  return out
}
const b64u = (bytes) => Buffer.from(bytes).toString('base64url')
function pow(base, exp, modulus) {
  const key = crypto.createPublicKey({ key: { kty: 'RSA', n: b64u(modulus), e: b64u(exp) }, format: 'jwk' })
  const padded = Buffer.alloc(modulus.length)
  base.copy(padded, modulus.length - base.length)
  return crypto.publicEncrypt({ key, padding: NO_PADDING }, padded)
}
const big = (bytes) => BigInt('0x' + (bytes.length ? Buffer.from(bytes).toString('hex') : '0'))
function bytes(n, length) {
  return Buffer.from(n.toString(16).padStart(length * 2, '0'), 'hex')
}
function run(slot, kind) {
  const input = parts(slot)
  if (kind === ${POW}) return pow(input[0], input[1], input[2])
  const [A, v, u, b, N] = input
  const base = (big(pow(v, u, N)) * big(A)) % big(N)
  return pow(bytes(base, N.length), b, N)
}
function oldestQueued() {
  let oldest = -1
  for (let slot = 0; slot < slots; slot++) {
    const state = header + slot * wordsPerSlot
    if (Atomics.load(control, state) !== ${QUEUED}) continue
    if (oldest < 0 || control[state + 3] - control[header + oldest * wordsPerSlot + 3] < 0) oldest = slot
  }
  return oldest
}
function runOne() {
  for (;;) {
    const slot = oldestQueued()
    if (slot < 0) return false
    const state = header + slot * wordsPerSlot
    // The request thread may have taken the job back meanwhile: then look again.
    if (Atomics.compareExchange(control, state, ${QUEUED}, ${RUNNING}) !== ${QUEUED}) continue
    let outcome = ${FAILED}
    try {
      const out = run(slot, control[state + 1])
      if (out.length <= slotBytes) {
        data.set(out, slot * slotBytes)
        control[state + 2] = out.length
        outcome = ${DONE}
      }
    } catch {}
    Atomics.store(control, state, outcome)
    Atomics.notify(control, state)
    return true
  }
}
let lastJob = -Infinity
for (;;) {
  const seen = Atomics.load(control, 0)
  if (runOne()) {
    lastJob = performance.now()
  } else if (performance.now() - lastJob < ${HOT_MS}) {
    Atomics.store(control, ${POLLING}, 1)
    Atomics.wait(control, 0, seen, ${POLL_MS})
  } else {
    Atomics.store(control, ${POLLING}, 0)
    // Looked once more after saying so, so that a job posted meanwhile (without a wake-up) is not left waiting.
    if (!runOne()) Atomics.wait(control, 0, seen, 1000)
  }
}
`

/** A ticket whose result the helper computes in slot `slot`, or `inline` computes. */
class Job implements Ticket {
  slot: number
  private value: Uint8Array | undefined
  private readonly helper: Helper
  private readonly inline: () => Uint8Array
  constructor(helper: Helper, slot: number, inline: () => Uint8Array) {
    this.helper = helper
    this.slot = slot
    this.inline = inline
  }
  /** Called by the helper's bookkeeping when the slot's result is copied out (or the job failed). */
  settle(value: Uint8Array | undefined): void {
    this.value = value
    this.slot = -1
  }
  take(): Uint8Array {
    if (this.slot >= 0) this.helper.collect(this)
    return this.value ?? this.inline()
  }
}

class Helper implements HelperThread {
  private readonly control: Int32Array
  private readonly data: Uint8Array
  private readonly owners: (Job | undefined)[] = new Array(SLOTS)
  /** Numbers jobs in the order they are posted (wrapping around is fine: the helper compares differences). */
  private sequence = 0
  broken = false

  constructor(buffer: SharedArrayBuffer) {
    this.control = new Int32Array(buffer, 0, CONTROL_WORDS)
    this.data = new Uint8Array(buffer, CONTROL_WORDS * 4)
  }

  pow(base: Uint8Array, exp: Uint8Array, modulus: Uint8Array, inline: () => Uint8Array): Job {
    return this.post(POW, [base, exp, modulus], inline)
  }

  srpSecret(
    { A, v, u, b, N }: { A: Uint8Array; v: Uint8Array; u: Uint8Array; b: Uint8Array; N: Uint8Array },
    inline: () => Uint8Array,
  ): Ticket {
    return this.post(SRP, [A, v, u, b, N], inline)
  }

  /** Queues a job in a free slot; with none free (or inputs too large), a ticket that computes inline. */
  private post(kind: number, parts: Uint8Array[], inline: () => Uint8Array): Job {
    const size = parts.reduce((n, p) => n + 2 + p.length, 1)
    const slot = this.broken || size > SLOT_BYTES ? -1 : this.freeSlot()
    const job = new Job(this, slot, inline)
    if (slot < 0) return job
    let at = slot * SLOT_BYTES
    this.data[at++] = parts.length
    for (const part of parts) {
      this.data[at++] = part.length >> 8
      this.data[at++] = part.length & 0xff
      this.data.set(part, at)
      at += part.length
    }
    const state = HEADER + slot * WORDS_PER_SLOT
    this.control[state + 1] = kind
    this.control[state + 3] = this.sequence++ | 0
    this.owners[slot] = job
    Atomics.store(this.control, state, QUEUED)
    // Bumped after the job is visible, so a helper that found nothing to do and is about to wait sees a change.
    Atomics.add(this.control, 0, 1)
    if (Atomics.load(this.control, POLLING) === 0) Atomics.notify(this.control, 0, 1)
    return job
  }

  /** A free slot, after copying out results nobody has collected yet; -1 if every slot is busy. */
  private freeSlot(): number {
    for (let pass = 0; pass < 2; pass++) {
      for (let slot = 0; slot < SLOTS; slot++) {
        const state = Atomics.load(this.control, HEADER + slot * WORDS_PER_SLOT)
        if (state === FREE) return slot
        if (pass === 1 && (state === DONE || state === FAILED)) {
          this.release(slot)
          return slot
        }
      }
    }
    return -1
  }

  /** Settles the owner of a finished slot with its result (or none, if it failed) and frees the slot. */
  private release(slot: number): void {
    const state = HEADER + slot * WORDS_PER_SLOT
    const done = Atomics.load(this.control, state) === DONE
    const length = this.control[state + 2]!
    const start = slot * SLOT_BYTES
    this.owners[slot]?.settle(done ? this.data.slice(start, start + length) : undefined)
    this.owners[slot] = undefined
    Atomics.store(this.control, state, FREE)
  }

  /** Whether the helper has finished `job` (without waiting or taking it back). */
  finished(job: Job): boolean {
    if (job.slot < 0) return true
    const state = Atomics.load(this.control, HEADER + job.slot * WORDS_PER_SLOT)
    return state === DONE || state === FAILED
  }

  /** Makes `job`'s result available: takes it back if still queued, waits if running. */
  collect(job: Job): void {
    const slot = job.slot
    const state = HEADER + slot * WORDS_PER_SLOT
    if (this.broken && Atomics.load(this.control, state) === RUNNING) {
      // The helper exited or got stuck: this job will never finish.
      this.owners[slot] = undefined
      job.settle(undefined)
      return
    }
    if (Atomics.compareExchange(this.control, state, QUEUED, FREE) === QUEUED) {
      this.owners[slot] = undefined
      job.settle(undefined) // computed inline by the caller
      return
    }
    while (Atomics.load(this.control, state) === RUNNING) {
      if (Atomics.wait(this.control, state, RUNNING, STUCK_MS) === 'timed-out') {
        // The helper is stuck: give up on it for good; this slot stays taken.
        this.broken = true
        this.owners[slot] = undefined
        job.settle(undefined)
        return
      }
    }
    this.release(slot)
  }
}

let helper: Helper | undefined
let started = false
/** The self-check job, until its result is in: the helper is used only once it has answered correctly. */
let check: Job | undefined

/** The helper thread, started on first use; undefined where there is none (see the module comment). */
export function helperThread(): HelperThread | undefined {
  if (!started) {
    started = true
    helper = start()
    // 3^5 mod m = 243, for a 1024-bit m: proves the helper runs and reads jobs as they are written. Starting a
    // thread takes tens of milliseconds; until the answer is in, callers compute in their own thread.
    const modulus = new Uint8Array(128).fill(0xff)
    check = helper?.pow(new Uint8Array([3]), new Uint8Array([5]), modulus, () => new Uint8Array(0))
  }
  if (!helper || helper.broken) return undefined
  if (check) {
    if (!helper.finished(check)) return undefined
    const answer = check.take()
    check = undefined
    if (answer.length !== 128 || bytesToBigInt(answer) !== 243n) helper.broken = true
  }
  return helper.broken ? undefined : helper
}

function start(): Helper | undefined {
  if (!threadsAvailable()) return undefined
  const buffer = new SharedArrayBuffer(CONTROL_WORDS * 4 + SLOTS * SLOT_BYTES)
  const created = new Helper(buffer)
  const workerData = {
    buffer,
    slots: SLOTS,
    slotBytes: SLOT_BYTES,
    header: HEADER,
    wordsPerSlot: WORDS_PER_SLOT,
  }
  const started = startThread(WORKER_SOURCE, workerData, () => {
    created.broken = true
  })
  return started ? created : undefined
}

/** A big-endian unsigned integer's value. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  return bytes.length ? BigInt(`0x${toHex(bytes)}`) : 0n
}
