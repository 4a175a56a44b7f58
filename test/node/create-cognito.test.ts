import {
  CreateUserPoolCommand,
  DescribeUserPoolCommand,
  ListUserPoolsCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-cognito-identity-provider'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCognito } from '../../src/index.ts'
import { sdkClient } from '../support/cognito.ts'

const cognito = createCognito({
  region: 'eu-west-1',
  endpoint: ['http://localhost:4566', 'http://127.0.0.1:9229'],
})
const server = setupServer(...cognito.handlers)
beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
afterAll(() => server.close())

const local = sdkClient('http://localhost:4566', 'eu-west-1')
const second = sdkClient('http://127.0.0.1:9229', 'eu-west-1')
const aws = sdkClient(undefined, 'eu-west-1')

describe('createCognito', () => {
  it('creates pools in its region and answers on every endpoint and on the AWS host, with one shared state', async () => {
    cognito.reset()
    const { UserPool } = await local.send(new CreateUserPoolCommand({ PoolName: 'shared' }))
    expect(UserPool?.Id).toMatch(/^eu-west-1_[0-9a-zA-Z]{9}$/)
    for (const client of [second, aws]) {
      const { UserPool: seen } = await client.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))
      expect(seen?.Name).toBe('shared')
    }
  })

  it('empties the state on reset', async () => {
    await local.send(new CreateUserPoolCommand({ PoolName: 'gone' }))
    cognito.reset()
    const { UserPools } = await local.send(new ListUserPoolsCommand({ MaxResults: 60 }))
    expect(UserPools).toEqual([])
    expect(cognito.outbox).toEqual([])
  })

  it('restores a snapshot, which survives a JSON round trip', async () => {
    cognito.reset()
    const { UserPool } = await local.send(new CreateUserPoolCommand({ PoolName: 'kept' }))
    const snapshot = JSON.parse(JSON.stringify(cognito.snapshot()))
    await local.send(new CreateUserPoolCommand({ PoolName: 'after' }))
    cognito.restore(snapshot)
    const { UserPools } = await local.send(new ListUserPoolsCommand({ MaxResults: 60 }))
    expect(UserPools?.map((p) => p.Name)).toEqual(['kept'])
    const { UserPool: restored } = await local.send(new DescribeUserPoolCommand({ UserPoolId: UserPool!.Id }))
    expect(restored?.Name).toBe('kept')
  })

  it('keeps a snapshot independent of later changes', async () => {
    cognito.reset()
    const snapshot = cognito.snapshot()
    await local.send(new CreateUserPoolCommand({ PoolName: 'later' }))
    expect(snapshot.pools).toEqual({})
  })

  it('answers ResourceNotFoundException for a well-formed but unknown pool id', async () => {
    const error = await local
      .send(new DescribeUserPoolCommand({ UserPoolId: 'eu-west-1_AAAAAAAAA' }))
      .catch((e) => e)
    expect(error).toBeInstanceOf(ResourceNotFoundException)
    expect(error.message).toBe('User pool eu-west-1_AAAAAAAAA does not exist.')
  })

  it('refuses bad options with a message that says how to fix them', () => {
    expect(() => createCognito({ region: 'Europe' })).toThrow(
      'Failed to create Cognito mock: "region" must look like "us-east-1", got "Europe".',
    )
    expect(() => createCognito({ endpoint: 'not a url' })).toThrow(
      'Failed to create Cognito mock: "endpoint" must be a URL, got "not a url".',
    )
    expect(() => cognito.restore({} as never)).toThrow('Failed to restore Cognito mock')
  })
})
