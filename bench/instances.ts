/**
 * What a fresh emulator costs: 100 new `createCognito()` instances, each making a pool, an app client and a user
 * and issuing one set of tokens, against 100 USER_PASSWORD_AUTH sign-ins on one instance. Both through the
 * handlers with `getResponse` (a test file would put them behind MSW, whose cost does not depend on us).
 */
import { getResponse } from 'msw'
import { createCognito } from '../src/index.ts'
import { createTarget, PASSWORD, type Send, type Target } from './workload.ts'

function handlerSend(handlers: ReturnType<typeof createCognito>['handlers']): Send {
  return async (operation, input) => {
    const request = new Request('http://localhost:4566/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
    })
    const response = (await getResponse(handlers, request, { quiet: true }))!
    const body = await response.json()
    if (response.status !== 200) throw new Error(`${operation}: ${JSON.stringify(body)}`)
    return body
  }
}

async function addConfirmedUser(send: Send, target: Target, Username: string) {
  await send('AdminCreateUser', { UserPoolId: target.UserPoolId, Username, MessageAction: 'SUPPRESS' })
  await send('AdminSetUserPassword', {
    UserPoolId: target.UserPoolId,
    Username,
    Password: PASSWORD,
    Permanent: true,
  })
}

async function signIn(send: Send, target: Target, USERNAME: string) {
  const { AuthenticationResult } = await send('InitiateAuth', {
    ClientId: target.ClientId,
    AuthFlow: 'USER_PASSWORD_AUTH',
    AuthParameters: { USERNAME, PASSWORD },
  })
  if (!AuthenticationResult?.AccessToken) throw new Error('no tokens')
}

/** Milliseconds for one fresh instance that issues one token. */
async function freshInstances(count: number): Promise<number> {
  const start = performance.now()
  for (let i = 0; i < count; i++) {
    const send = handlerSend(createCognito().handlers)
    const target = await createTarget(send)
    await addConfirmedUser(send, target, 'alice')
    await signIn(send, target, 'alice')
  }
  return performance.now() - start
}

async function oneInstance(count: number): Promise<number> {
  const send = handlerSend(createCognito().handlers)
  const target = await createTarget(send)
  await addConfirmedUser(send, target, 'alice')
  await signIn(send, target, 'alice')
  const start = performance.now()
  for (let i = 0; i < count; i++) await signIn(send, target, 'alice')
  return performance.now() - start
}

export interface InstancesResult {
  freshMs: number
  oneMs: number
}

/** Alternates the two `rounds` times (after a warm-up) and sums, to even out a noisy machine. */
export async function measureInstances(count: number, rounds: number): Promise<InstancesResult> {
  await freshInstances(10)
  await oneInstance(10)
  let freshMs = 0
  let oneMs = 0
  for (let r = 0; r < rounds; r++) {
    freshMs += await freshInstances(count)
    oneMs += await oneInstance(count)
  }
  return { freshMs: freshMs / rounds, oneMs: oneMs / rounds }
}
