import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

useCognito()

describe.each(ENDPOINTS)('through %s', (_, endpoint) => {
  it('creates a user pool', async () => {
    const res = await sdkClient(endpoint).send(new CreateUserPoolCommand({ PoolName: 'p' }))
    expect(res.UserPool?.Id).toMatch(/^us-east-1_[0-9a-zA-Z]{9}$/)
    expect(res.UserPool?.CreationDate).toBeInstanceOf(Date)
  })
})
