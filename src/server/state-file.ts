import { randomBytes } from 'node:crypto'
import { open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

/** The server's state on disk: read once at start, written after changes (see `createStateFile`). */
export interface StateFile {
  readonly path: string
  /**
   * Writes the state as it is now, or joins a write that has not started yet. Resolves once a write that began
   * after this call is on disk, so an answer sent after it is durable.
   */
  save(): Promise<void>
  /** Resolves when no write is pending. */
  flush(): Promise<void>
}

/**
 * Reads a state file written by `createStateFile`: `undefined` if there is none yet.
 *
 * @note Writes are atomic (a temporary file in the same directory, fsync, rename), so a file is either the old or
 * the new state, never half of one, even when the process is killed.
 */
export async function readStateFile(path: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(
      `Failed to start the Cognito server: cannot read the state file ${path}: ${(error as Error).message}.`,
    )
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    throw new Error(
      `Failed to start the Cognito server: the state file ${path} is not JSON (${(error as Error).message}). ` +
        'Delete it to start empty.',
    )
  }
}

/**
 * Keeps `serialize()` on disk at `path`. Writes are coalesced: while one is in progress, every `save()` joins a
 * single next write, which serializes the state when it starts. A burst of thousands of changes therefore costs a
 * few writes, yet every caller's change is on disk when its promise resolves.
 */
export function createStateFile(path: string, serialize: () => string): StateFile {
  let running: Promise<void> | undefined
  let queued: Promise<void> | undefined
  const start = (): Promise<void> => {
    const write = writeAtomic(path, serialize())
    running = write.finally(() => {
      running = undefined
    })
    return running
  }
  return {
    path,
    save() {
      if (queued) return queued
      if (!running) return start()
      queued = running
        .catch(() => {})
        .then(() => {
          queued = undefined
          return start()
        })
      return queued
    },
    async flush() {
      while (queued || running) await (queued ?? running)?.catch(() => {})
    },
  }
}

/** Writes `text` to a temporary file next to `path`, syncs it, and renames it over `path`. */
async function writeAtomic(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
  const file = await open(temporary, 'w', 0o600)
  try {
    await file.writeFile(text, 'utf8')
    await file.sync()
  } catch (error) {
    await file.close().catch(() => {})
    await rm(temporary, { force: true })
    throw error
  }
  await file.close()
  await rename(temporary, path)
  await syncDirectory(dirname(path))
}

/** Makes the rename itself durable; not every platform can open a directory, which is fine there. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(dir, 'r')
    await handle.sync()
  } catch {
    // Windows and some file systems refuse; the rename is still atomic.
  } finally {
    await handle?.close()
  }
}
