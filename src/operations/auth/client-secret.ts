import { timingSafeEqual } from '../../core/sha256.ts'
import type { ClientRecord } from '../../core/state.ts'

/**
 * Whether a caller that sends the client secret itself (GetTokensFromRefreshToken, RevokeToken) may act for the
 * client: clients without a secret need none, clients with one need exactly it.
 */
export function clientSecretMatches(client: ClientRecord, given: string | undefined): boolean {
  const secret = client.ClientSecret as string | undefined
  if (!secret) return true
  return given !== undefined && timingSafeEqual(secret, given)
}
