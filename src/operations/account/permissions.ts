import { errors } from '../../core/errors.ts'
import type { PoolRecord } from '../../core/state.ts'

const VERIFIED_FLAGS = new Set(['email_verified', 'phone_number_verified'])

/**
 * A user writing their own attributes may write only what the app client's WriteAttributes allow (all of them when
 * the client has none set), and never the verified flags: only a verification code sets those.
 */
export function checkWritable(pool: PoolRecord, clientId: unknown, names: string[]): void {
  const client = typeof clientId === 'string' ? pool.clients[clientId] : undefined
  const writable = client?.WriteAttributes as string[] | undefined
  for (const name of names) {
    if (VERIFIED_FLAGS.has(name) || (writable && !writable.includes(name))) {
      throw errors.notAuthorized('A client attempted to write unauthorized attribute')
    }
  }
}
