import { CognitoError } from './errors.ts'
import { hmacSha256, timingSafeEqual, toBase64 } from './sha256.ts'
import type { ClientRecord } from './state.ts'

/** base64(HMAC-SHA256(key = client secret, message = username + client id)). */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return toBase64(hmacSha256(clientSecret, username + clientId))
}

/**
 * For a client with a secret, the SECRET_HASH every client-id operation must carry, computed over the username the
 * caller sent (or, as Cognito also accepts, the canonical username). Clients without a secret need none.
 */
export function checkSecretHash(
  client: ClientRecord,
  given: string | undefined,
  usernames: ReadonlyArray<string | undefined>,
): void {
  const secret = client.ClientSecret as string | undefined
  if (!secret) return
  const clientId = client.ClientId
  if (given === undefined || given === '') {
    throw new CognitoError(
      'NotAuthorizedException',
      `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    )
  }
  const ok = usernames.some((u) => u !== undefined && timingSafeEqual(secretHash(secret, u, clientId), given))
  if (!ok)
    throw new CognitoError('NotAuthorizedException', `Unable to verify secret hash for client ${clientId}`)
}
