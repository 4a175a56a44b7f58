/** One API call, by operation name: the SDK v3 or a bare JSON request behind it. */
export type Send = (operation: Operation, input: Record<string, unknown>) => Promise<Output>

/** The members of the outputs the workload reads. */
export interface Output {
  UserPool?: { Id?: string }
  UserPoolClient?: { ClientId?: string }
  AuthenticationResult?: { AccessToken?: string }
  Users?: unknown[]
  ChallengeName?: string
  ChallengeParameters?: Record<string, string>
  Session?: string
}

export type Operation =
  | 'CreateUserPool'
  | 'CreateUserPoolClient'
  | 'AdminCreateUser'
  | 'AdminSetUserPassword'
  | 'InitiateAuth'
  | 'RespondToAuthChallenge'
  | 'ListUsers'
  | 'AdminDeleteUser'

/** The calls one user costs in `signInUser`. */
export const CALLS_PER_USER = 3
/** The calls one user costs in `workloadUser`: `signInUser` and a ListUsers. */
export const WORKLOAD_CALLS_PER_USER = 4
export const PASSWORD = 'Correct-Horse-42'

export interface Target {
  UserPoolId: string
  ClientId: string
}

/** A pool and an app client that allows USER_PASSWORD_AUTH (and USER_SRP_AUTH). */
export async function createTarget(send: Send): Promise<Target> {
  const { UserPool } = await send('CreateUserPool', { PoolName: 'bench' })
  const UserPoolId = UserPool!.Id!
  const { UserPoolClient } = await send('CreateUserPoolClient', {
    UserPoolId,
    ClientName: 'bench',
    ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  })
  return { UserPoolId, ClientId: UserPoolClient!.ClientId! }
}

/** Issue 2's workload, per user: AdminCreateUser, AdminSetUserPassword (Permanent), InitiateAuth. */
export async function signInUser(
  send: Send,
  { UserPoolId, ClientId }: Target,
  username: string,
): Promise<void> {
  await send('AdminCreateUser', { UserPoolId, Username: username, MessageAction: 'SUPPRESS' })
  await send('AdminSetUserPassword', { UserPoolId, Username: username, Password: PASSWORD, Permanent: true })
  const { AuthenticationResult } = await send('InitiateAuth', {
    ClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME: username, PASSWORD },
  })
  if (!AuthenticationResult?.AccessToken) throw new Error(`No tokens for ${username}`)
}

/**
 * Issue 6's workload, per user: `signInUser`, then ListUsers (the first page, as an admin screen shows it), so a
 * listing that sorts or scans the whole pool shows up as the pool grows.
 */
export async function workloadUser(send: Send, target: Target, username: string): Promise<void> {
  await signInUser(send, target, username)
  const { Users } = await send('ListUsers', { UserPoolId: target.UserPoolId, Limit: 10 })
  if (!Users?.length) throw new Error('ListUsers returned no users')
}
