import type { Context } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { requireClient } from '../../core/lookup.ts'
import { checkSecretHash } from '../../core/secret-hash.ts'
import type { ClientRecord, PoolRecord, UserRecord } from '../../core/state.ts'
import { findUser } from '../../core/users.ts'
import type { Input } from '../types.ts'

export interface ClientUser {
  pool: PoolRecord
  client: ClientRecord
  /** The user the `Username` names, if any. */
  user: UserRecord | undefined
  /** Whether the client's PreventUserExistenceErrors is ENABLED, so an unknown user must not be revealed. */
  hidesUsers: boolean
}

/**
 * What every client-id operation of the lifecycle starts with: the app client, its SECRET_HASH check (over the
 * name the caller sent, or the canonical username), and the user the `Username` names.
 */
export function clientUser(ctx: Context, input: Input): ClientUser {
  const { pool, client } = requireClient(ctx, input.ClientId)
  const user = findUser(pool, input.Username)
  checkSecretHash(client, input.SecretHash, [input.Username, user?.username])
  return { pool, client, user, hidesUsers: client.PreventUserExistenceErrors === 'ENABLED' }
}

/** What these operations answer for an unknown user when the client reveals it (LEGACY). */
export const unknownUser = (): CognitoError =>
  new CognitoError('UserNotFoundException', 'Username/client id combination not found.')

export const userDisabled = (): CognitoError =>
  new CognitoError('NotAuthorizedException', 'User is disabled.')
