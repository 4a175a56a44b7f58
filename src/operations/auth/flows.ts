import { errors } from '../../core/errors.ts'
import type { ClientRecord } from '../../core/state.ts'

/** What a client allows when it was created without ExplicitAuthFlows (AWS's default). */
const DEFAULT_FLOWS = ['ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH']

/** The legacy ExplicitAuthFlows names and the ALLOW_* name each stands for. */
const LEGACY: Record<string, string> = {
  ADMIN_NO_SRP_AUTH: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  CUSTOM_AUTH_FLOW_ONLY: 'ALLOW_CUSTOM_AUTH',
  USER_PASSWORD_AUTH: 'ALLOW_USER_PASSWORD_AUTH',
}

export type AllowedFlow =
  | 'ALLOW_USER_PASSWORD_AUTH'
  | 'ALLOW_ADMIN_USER_PASSWORD_AUTH'
  | 'ALLOW_USER_SRP_AUTH'
  | 'ALLOW_REFRESH_TOKEN_AUTH'
  | 'ALLOW_CUSTOM_AUTH'
  | 'ALLOW_USER_AUTH'

/**
 * Whether the app client's ExplicitAuthFlows allow a flow. With only legacy names (the pre-2019 API), SRP and
 * refresh were always on, as they still are for such clients.
 */
export function flowAllowed(client: ClientRecord, flow: AllowedFlow): boolean {
  const configured = client.ExplicitAuthFlows as string[] | undefined
  const flows = configured === undefined ? DEFAULT_FLOWS : configured
  const legacyOnly = flows.length > 0 && flows.every((f) => f in LEGACY)
  if (legacyOnly && (flow === 'ALLOW_USER_SRP_AUTH' || flow === 'ALLOW_REFRESH_TOKEN_AUTH')) return true
  return flows.some((f) => f === flow || LEGACY[f] === flow)
}

/** Cognito's answer when an app client does not allow a flow, in its wording for each flow. */
export function requireFlow(client: ClientRecord, flow: AllowedFlow): void {
  if (flowAllowed(client, flow)) return
  switch (flow) {
    case 'ALLOW_USER_PASSWORD_AUTH':
      throw errors.invalidParameter('USER_PASSWORD_AUTH flow not enabled for this client')
    case 'ALLOW_USER_SRP_AUTH':
      throw errors.invalidParameter('USER_SRP_AUTH is not enabled for the client.')
    default:
      throw errors.invalidParameter('Auth flow not enabled for this client')
  }
}
