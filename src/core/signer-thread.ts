/**
 * A second thread that makes one RS256 signature while the request thread makes the other, in Node only.
 *
 * A sign-in signs two tokens, about 0.28 ms each on this machine's CPU; the ID token's and the access token's are
 * independent, so the access token's can be made on the machine's second core. The thread is reached through
 * shared memory, never through the event loop (one extra turn costs a call through the SDK and MSW about 0.3 ms,
 * decision 0010), and every hand-over is bounded so that the request thread never waits long for it
 * (decisions/0014):
 *
 * - **Expect**: as soon as dispatch has parsed a call that will probably sign, `expect()` marks the thread awake,
 *   so that it runs by the time the signing input exists. Waking a sleeping thread is a system call, which on this
 *   machine costs the request thread about 0.1 ms, so after a signature the thread stays ready for HOT_MS, checking
 *   every POLL_MS (core/threads.ts), and only a thread that has gone to sleep is woken with a call.
 * - **Post**: the access token's DigestInfo, the key's id and its PKCS#8 bytes go into the shared memory, if the
 *   thread is awake and free; otherwise the caller signs both itself.
 * - **Take**: after signing the ID token itself, the caller takes the signature: at once if done, spinning while the
 *   thread runs it (until GIVE_UP_MS after it started), and by taking the job back if it has not started. A job
 *   taken back or given up on is signed in the caller's thread. RSASSA-PKCS1-v1_5 is deterministic, so both ways
 *   give the same bytes. After MISSES such sign-ins in a row, the next REST do not use the thread.
 *
 * No signer (browsers, a single CPU, `COGNITO_MSW_HELPER_THREAD=off`, a thread that has not started yet, failed
 * to start or exited, a first signature that did not verify): `signer()` is undefined and both signatures are made
 * in the caller's thread. The thread is unref'd: it never keeps a Node process alive.
 */
import { NodeBuffer } from './node.ts'
import { HOT_MS, POLL_MS, startThread, threadsAvailable } from './threads.ts'

const IDLE = 0
const AWAKE = 1
const QUEUED = 2
const RUNNING = 3
const DONE = 4
const FAILED = 5

/** Control words: the state, whether the thread checks on its own (1) or sleeps until woken (0), lengths, a count. */
const STATE = 0
const POLLING = 1
const INPUT_LENGTH = 2
const KID_LENGTH = 3
const KEY_LENGTH = 4
const WAKES = 5
/** Set by the thread once it runs: until then `signer()` answers undefined. */
const READY = 6
const CONTROL_WORDS = 7
const CONTROL_BYTES = 40
/** A Float64 after the control words: when the thread started the job (ms since the epoch, as `now()` gives). */
const STARTED_AT = 32
const INPUT_BYTES = 64
const OUTPUT_BYTES = 512
const KID_BYTES = 256
const KEY_BYTES = 4096
const INPUT_AT = CONTROL_BYTES
const OUTPUT_AT = INPUT_AT + INPUT_BYTES
const KID_AT = OUTPUT_AT + OUTPUT_BYTES
const KEY_AT = KID_AT + KID_BYTES
const BUFFER_BYTES = KEY_AT + KEY_BYTES

/** How long the thread waits awake for a job after being told to expect one. */
const AWAKE_MS = 1.5
/**
 * How long after the thread started a signature the caller stops waiting for it and makes it itself: about twice
 * a signature's time. A thread that takes longer has lost its CPU, and may not get it back soon.
 */
const GIVE_UP_MS = 0.6
/**
 * Signatures in a row the thread did not make (taken back or given up on) after which the next REST sign-ins do
 * not use it: its CPU is busy elsewhere, and each of those sign-ins would pay for a hand-over for nothing.
 */
const MISSES = 16
const REST = 256
/** Keys the thread keeps imported. */
const KEYS = 16

/**
 * The thread's code (CommonJS, run with `eval: true`). It keeps the keys it has imported by kid, and compares the
 * PKCS#8 bytes of each job with the kept key's, so a kid that names another key is imported again.
 */
const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads')
const crypto = require('node:crypto')
const { buffer } = workerData
const control = new Int32Array(buffer, 0, ${CONTROL_WORDS})
const bytes = new Uint8Array(buffer)
const startedAt = new Float64Array(buffer, ${STARTED_AT}, 1)
const now = () => performance.timeOrigin + performance.now()
const keys = new Map()
function keyFor() {
  const kid = Buffer.from(bytes.subarray(${KID_AT}, ${KID_AT} + control[${KID_LENGTH}])).toString('latin1')
  const der = bytes.subarray(${KEY_AT}, ${KEY_AT} + control[${KEY_LENGTH}])
  const kept = keys.get(kid)
  if (kept && Buffer.compare(kept.der, der) === 0) return kept.key
  const copy = Buffer.from(der)
  const key = crypto.createPrivateKey({ key: copy, format: 'der', type: 'pkcs8' })
  if (keys.size >= ${KEYS}) keys.delete(keys.keys().next().value)
  keys.set(kid, { der: copy, key })
  return key
}
function sign() {
  const input = Buffer.from(bytes.subarray(${INPUT_AT}, ${INPUT_AT} + control[${INPUT_LENGTH}]))
  const signature = crypto.privateEncrypt({ key: keyFor(), padding: crypto.constants.RSA_PKCS1_PADDING }, input)
  bytes.set(signature, ${OUTPUT_AT})
}
let lastJob = -Infinity
Atomics.store(control, ${READY}, 1)
for (;;) {
  const state = Atomics.load(control, ${STATE})
  if (state !== ${AWAKE} && state !== ${QUEUED}) {
    if (performance.now() - lastJob < ${HOT_MS}) {
      Atomics.store(control, ${POLLING}, 1)
      Atomics.wait(control, ${STATE}, state, ${POLL_MS})
    } else {
      Atomics.store(control, ${POLLING}, 0)
      Atomics.wait(control, ${STATE}, state)
    }
    continue
  }
  let wakes = Atomics.load(control, ${WAKES})
  let until = performance.now() + ${AWAKE_MS}
  for (;;) {
    const state = Atomics.load(control, ${STATE})
    if (state === ${QUEUED}) {
      startedAt[0] = now()
      if (Atomics.compareExchange(control, ${STATE}, ${QUEUED}, ${RUNNING}) !== ${QUEUED}) continue
      let outcome = ${FAILED}
      try {
        sign()
        outcome = ${DONE}
      } catch {}
      Atomics.store(control, ${STATE}, outcome)
      lastJob = performance.now()
      break
    }
    if (state !== ${AWAKE}) break
    if (Atomics.load(control, ${WAKES}) !== wakes) {
      wakes = Atomics.load(control, ${WAKES})
      until = performance.now() + ${AWAKE_MS}
    }
    if (performance.now() > until) {
      Atomics.compareExchange(control, ${STATE}, ${AWAKE}, ${IDLE})
      break
    }
  }
}
`

/** A signature being made by the thread; `take` answers it in base64url, or undefined if the caller must make it. */
export interface PendingSignature {
  take(): string | undefined
}

export interface SignerThread {
  /** Tells the thread a signature is coming soon, so that it is awake when it does. */
  expect(): void
  /**
   * Posts a signature of `digestInfo` with the key whose kid is `kid` (its bytes) and PKCS#8 bytes `der` (a modulus
   * of `length` bytes, as long as its signatures); undefined if the thread cannot take it now.
   */
  post(kid: Uint8Array, der: Uint8Array, length: number, digestInfo: Uint8Array): PendingSignature | undefined
  /** Called when a signature the thread made did not verify: the thread is not used again. */
  fail(): void
}

class Signer implements SignerThread {
  private readonly control: Int32Array
  private readonly bytes: Uint8Array
  private readonly startedAt: Float64Array
  /** Signatures in a row the thread did not make. */
  private misses = 0
  /** Sign-ins left that do not use the thread, after MISSES in a row. */
  private resting = 0
  broken = false

  constructor(buffer: SharedArrayBuffer) {
    this.control = new Int32Array(buffer, 0, CONTROL_WORDS)
    this.bytes = new Uint8Array(buffer)
    this.startedAt = new Float64Array(buffer, STARTED_AT, 1)
  }

  expect(): void {
    if (this.resting > 0) return
    const c = this.control
    const state = Atomics.load(c, STATE)
    if (state === AWAKE) {
      Atomics.add(c, WAKES, 1)
      return
    }
    // A job the caller gave up on may still be running: then this sign-in signs in its own thread.
    if (state !== IDLE && state !== DONE && state !== FAILED) return
    if (Atomics.compareExchange(c, STATE, state, AWAKE) !== state) return
    Atomics.add(c, WAKES, 1)
    // A thread that is checking on its own sees the change within POLL_MS; only a sleeping one needs the call.
    if (Atomics.load(c, POLLING) === 0) Atomics.notify(c, STATE)
  }

  post(
    kid: Uint8Array,
    der: Uint8Array,
    length: number,
    digestInfo: Uint8Array,
  ): PendingSignature | undefined {
    const c = this.control
    if (this.resting > 0) {
      this.resting--
      return undefined
    }
    if (this.broken || Atomics.load(c, STATE) !== AWAKE) return undefined
    if (der.length > KEY_BYTES || kid.length > KID_BYTES || digestInfo.length > INPUT_BYTES) return undefined
    if (length > OUTPUT_BYTES) return undefined
    this.bytes.set(digestInfo, INPUT_AT)
    this.bytes.set(kid, KID_AT)
    this.bytes.set(der, KEY_AT)
    c[INPUT_LENGTH] = digestInfo.length
    c[KID_LENGTH] = kid.length
    c[KEY_LENGTH] = der.length
    if (Atomics.compareExchange(c, STATE, AWAKE, QUEUED) !== AWAKE) return undefined
    return { take: () => this.take(length) }
  }

  private take(length: number): string | undefined {
    const signature = this.collect(length)
    this.misses = signature ? 0 : this.misses + 1
    if (this.misses >= MISSES) {
      this.misses = 0
      this.resting = REST
    }
    return signature
  }

  private collect(length: number): string | undefined {
    const c = this.control
    if (Atomics.compareExchange(c, STATE, QUEUED, IDLE) === QUEUED) return undefined
    for (;;) {
      const state = Atomics.load(c, STATE)
      if (state === DONE || state === FAILED) {
        // Encoded straight from the shared memory, which the thread leaves alone until the next job.
        const signature =
          state === DONE
            ? NodeBuffer!.from(this.bytes.buffer, OUTPUT_AT, length).toString('base64url')
            : undefined
        Atomics.store(c, STATE, IDLE)
        return signature
      }
      // Running for too long: leave it to finish; the next `expect` finds it done, or signs in its own thread.
      if (state !== RUNNING || now() - this.startedAt[0]! > GIVE_UP_MS) return undefined
    }
  }

  /** Whether the thread has started running. */
  ready(): boolean {
    return Atomics.load(this.control, READY) === 1
  }

  fail(): void {
    this.broken = true
  }
}

const now = () => performance.timeOrigin + performance.now()

let signerThread: Signer | undefined
let started = false

/** The signer thread, started on first use; undefined where there is none (see the module comment). */
export function signer(): SignerThread | undefined {
  if (!started) {
    started = true
    signerThread = start()
  }
  return signerThread && !signerThread.broken && signerThread.ready() ? signerThread : undefined
}

function start(): Signer | undefined {
  if (!threadsAvailable()) return undefined
  const buffer = new SharedArrayBuffer(BUFFER_BYTES)
  const created = new Signer(buffer)
  const started = startThread(WORKER_SOURCE, { buffer }, () => {
    created.broken = true
  })
  return started ? created : undefined
}
