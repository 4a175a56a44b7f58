import {
  CognitoIdentityProviderClient,
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { setupWorker } from 'msw/browser'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createCognito } from '../../src/index.ts'

// setupWorker logs every request it answers unless started with `quiet: true`, as most apps start it in
// development: the API handlers answer outside MSW's generic handler steps (decisions/0012), and the log must
// still name the request, the handler and the answer.
const cognito = createCognito()
const worker = setupWorker(...cognito.handlers)

/** Runs `action` with the console's group and log calls silenced (the worker's start and stop banners). */
async function silently(action: () => unknown): Promise<void> {
  const spies = (['groupCollapsed', 'log', 'groupEnd'] as const).map((method) =>
    vi.spyOn(console, method).mockImplementation(() => {}),
  )
  try {
    await action()
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
}

beforeAll(() => silently(() => worker.start({ onUnhandledFrame: 'bypass' })))
afterAll(() => silently(() => worker.stop()))

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  endpoint: 'http://localhost:4566',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
})

/**
 * What the worker logged while `run` ran, once `count` groups have appeared: each group's title, and each
 * `console.log` inside them as its label and value ('Request', 'Handler:', 'Response').
 */
async function logged(run: () => Promise<unknown>, count: number) {
  const groups: string[] = []
  const entries: { label: unknown; value: unknown }[] = []
  const spies = [
    vi.spyOn(console, 'groupCollapsed').mockImplementation((title: unknown) => {
      groups.push(String(title))
    }),
    vi.spyOn(console, 'log').mockImplementation((label: unknown, value: unknown) => {
      entries.push({ label, value })
    }),
    vi.spyOn(console, 'groupEnd').mockImplementation(() => {}),
  ]
  try {
    await run()
    await vi.waitFor(() => expect(groups.length).toBeGreaterThanOrEqual(count))
  } finally {
    for (const spy of spies) spy.mockRestore()
  }
  return { groups, entries }
}

describe('a worker started without quiet', () => {
  it('logs each API call with its status, the handler and the bodies', async () => {
    const { groups, entries } = await logged(async () => {
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'logged' }))
      await client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))
      await client.send(new DescribeUserPoolCommand({ UserPoolId: 'us-east-1_AAAAAAAAA' })).catch(() => {})
    }, 3)
    expect(groups[0]).toMatch(/POST http:\/\/localhost:4566\/ \(%c200 OK%c\)/)
    expect(groups[1]).toMatch(/POST http:\/\/localhost:4566\/ \(%c200 OK%c\)/)
    expect(groups[2]).toMatch(/POST http:\/\/localhost:4566\/ \(%c400 Bad Request%c\)/)
    const requests = entries.filter((e) => e.label === 'Request').map((e) => e.value as { body: string })
    expect(JSON.parse(requests[0]!.body)).toEqual({ PoolName: 'logged' })
    const handlers = entries
      .filter((e) => e.label === 'Handler:')
      .map((e) => e.value as { info: { header: string } })
    expect(handlers[0]!.info.header).toBe('POST http://localhost:4566/')
    const responses = entries.filter((e) => e.label === 'Response').map((e) => e.value as { body: string })
    expect(JSON.parse(responses[2]!.body)).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool us-east-1_AAAAAAAAA does not exist.',
    })
  })
})
