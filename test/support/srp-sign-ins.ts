/**
 * A worker thread that signs users in with SRP through Amplify v6 and amazon-cognito-identity-js, against its own
 * emulator behind its own `setupServer`, and posts back what each client saw. Both clients spend about 0.3 s of
 * plain-JavaScript big-integer math per sign-in, so test/node/srp-many-users.test.ts spreads them over threads.
 * Runs under Node's own type stripping (no vitest here), so it imports nothing from vitest.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import {
  AuthenticationDetails,
  CognitoUser,
  CognitoUserPool,
  type CognitoUserSession,
} from 'amazon-cognito-identity-js'
import { Amplify } from 'aws-amplify'
import { fetchAuthSession, signIn, signOut } from 'aws-amplify/auth'
import { setupServer } from 'msw/node'
import { createCognito } from '../../src/index.ts'
import { createUser, poolWithClient } from './auth-fixtures.ts'

export interface SignInJob {
  /** Users to create, then sign in through both clients. */
  users: { username: string; password: string }[]
  /** Sign-ins that must fail: the user (one of `users`), the password tried, and which client tries it. */
  wrong: { username: string; password: string; client: Client }[]
}

export type Client = 'amplify' | 'cij'

export interface SignInOutcome {
  client: Client
  /** Whether the password tried was one of `wrong`. */
  wrong: boolean
  username: string
  password: string
  /** The user's sub from AdminCreateUser. */
  sub: string
  /** The ID token's claims on success (`sub`, `cognito:username`), or the error's name and message. */
  claims?: Record<string, unknown>
  error?: { name: string; message: string }
}

async function run({ users, wrong }: SignInJob): Promise<SignInOutcome[]> {
  const cognito = createCognito()
  const server = setupServer(...cognito.handlers)
  server.listen({ onUnhandledFrame: 'error' })
  const sdk = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  const { poolId, clientId } = await poolWithClient(sdk)
  Amplify.configure({ Auth: { Cognito: { userPoolId: poolId, userPoolClientId: clientId } } })
  const pool = new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId })

  const subs = new Map<string, string>()
  for (const { username, password } of users) {
    const user = await createUser(sdk, poolId, username, { password })
    subs.set(username, user.Attributes!.find((a) => a.Name === 'sub')!.Value!)
  }

  async function attempt(client: Client, username: string, password: string, wrong = false) {
    const outcome: SignInOutcome = { client, wrong, username, password, sub: subs.get(username)! }
    try {
      return { ...outcome, claims: await signInWith(client, pool, username, password) }
    } catch (e) {
      const { name, code, message } = e as Error & { code?: string }
      return { ...outcome, error: { name: code ?? name, message } }
    }
  }

  const outcomes: SignInOutcome[] = []
  for (const { username, password } of users) {
    outcomes.push(await attempt('amplify', username, password))
    outcomes.push(await attempt('cij', username, password))
  }
  for (const { username, password, client } of wrong) {
    outcomes.push(await attempt(client, username, password, true))
  }
  server.close()
  return outcomes
}

async function signInWith(client: Client, pool: CognitoUserPool, username: string, password: string) {
  if (client === 'amplify') {
    const result = await signIn({ username, password })
    if (!result.isSignedIn) throw new Error(`Amplify stopped at ${result.nextStep.signInStep}`)
    const { tokens } = await fetchAuthSession()
    await signOut()
    return { ...tokens?.idToken?.payload }
  }
  const user = new CognitoUser({ Username: username, Pool: pool })
  const details = new AuthenticationDetails({ Username: username, Password: password })
  const session = await new Promise<CognitoUserSession>((resolve, reject) =>
    user.authenticateUser(details, {
      onSuccess: resolve,
      onFailure: reject,
      newPasswordRequired: () => reject(new Error('newPasswordRequired')),
    }),
  )
  return session.getIdToken().payload
}

if (parentPort && workerData) {
  run(workerData as SignInJob).then(
    (outcomes) => parentPort!.postMessage({ outcomes }),
    (e: Error) => parentPort!.postMessage({ failed: e.stack ?? String(e) }),
  )
}
