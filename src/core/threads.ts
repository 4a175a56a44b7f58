/**
 * What the two helper threads share (core/helper-thread.ts for SRP's powers, core/signer-thread.ts for
 * signatures): how they start, and how long they keep checking for work on their own after a job.
 */
import { builtin } from './node.ts'

/**
 * After a job, a helper checks for the next every POLL_MS for HOT_MS, and only then sleeps until woken. A job
 * posted meanwhile needs no wake-up: on this machine the system call that wakes a sleeping thread costs the caller
 * about 0.1 ms (decisions/0014). Checking costs about 10 % of a core while jobs keep coming.
 */
export const POLL_MS = 0.1
export const HOT_MS = 50

interface NodeWorkers {
  Worker: new (
    source: string,
    options: { eval: true; workerData: unknown },
  ) => { unref(): void; on(event: 'error' | 'exit', listener: () => void): void }
}

/**
 * Whether a helper thread can run here: Node's `worker_threads` and `SharedArrayBuffer`, at least two CPUs, and
 * not `COGNITO_MSW_HELPER_THREAD=off`. Not in browsers.
 */
export function threadsAvailable(): boolean {
  const { process } = globalThis as { process?: { env?: Record<string, string | undefined> } }
  if (process?.env?.COGNITO_MSW_HELPER_THREAD === 'off' || typeof SharedArrayBuffer === 'undefined')
    return false
  const os = builtin<{ availableParallelism?: () => number }>('node:os')
  return Boolean(
    builtin<NodeWorkers>('node:worker_threads') && os?.availableParallelism && os.availableParallelism() >= 2,
  )
}

/**
 * Runs `source` (CommonJS) on a new `worker_threads` thread with `workerData`, unref'd so that it never keeps the
 * process alive, and calls `stopped` if the thread fails or exits. False if it could not start; only where
 * `threadsAvailable()`.
 */
export function startThread(source: string, workerData: unknown, stopped: () => void): boolean {
  try {
    const worker = new (builtin<NodeWorkers>('node:worker_threads')!.Worker)(source, {
      eval: true,
      workerData,
    })
    worker.unref()
    worker.on('error', stopped)
    worker.on('exit', stopped)
    return true
  } catch {
    return false
  }
}
