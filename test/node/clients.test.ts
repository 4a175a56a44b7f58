import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

useCognito()

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise
  } catch (e) {
    const { name, message } = e as Error
    return { name, message }
  }
  throw new Error('expected the call to fail')
}

const newPool = (sdk: CognitoIdentityProviderClient, input: Record<string, unknown> = {}) =>
  sdk.send(new CreateUserPoolCommand({ PoolName: 'pool', ...input })).then((r) => r.UserPool!.Id!)

const newClient = (
  sdk: CognitoIdentityProviderClient,
  UserPoolId: string,
  input: Record<string, unknown> = {},
) =>
  sdk
    .send(new CreateUserPoolClientCommand({ UserPoolId, ClientName: 'app', ...input }))
    .then((r) => r.UserPoolClient!)

describe.each(ENDPOINTS)('through %s', (_, endpoint) => {
  const sdk = sdkClient(endpoint)

  describe('CreateUserPoolClient', () => {
    it('echoes the members AWS returns for a client created with only a name', async () => {
      const poolId = await newPool(sdk)
      const client = await newClient(sdk, poolId)
      expect(client.ClientId).toMatch(/^[0-9a-z]{26}$/)
      expect(client.UserPoolId).toBe(poolId)
      expect(client.ClientName).toBe('app')
      expect(client.RefreshTokenValidity).toBe(30)
      expect(client.TokenValidityUnits).toEqual({})
      expect(client.AllowedOAuthFlowsUserPoolClient).toBe(false)
      expect(client.EnableTokenRevocation).toBe(true)
      expect(client.EnablePropagateAdditionalUserContextData).toBe(false)
      expect(client.AuthSessionValidity).toBe(3)
      expect(client.CreationDate).toBeInstanceOf(Date)
      expect(client.LastModifiedDate).toEqual(client.CreationDate)
      for (const absent of [
        'ClientSecret',
        'AccessTokenValidity',
        'IdTokenValidity',
        'ExplicitAuthFlows',
        'PreventUserExistenceErrors',
        'ReadAttributes',
        'WriteAttributes',
      ]) {
        expect(client).not.toHaveProperty(absent)
      }
    })

    it('gives a client a 51-character secret when GenerateSecret is true', async () => {
      const poolId = await newPool(sdk)
      const client = await newClient(sdk, poolId, { GenerateSecret: true })
      expect(client.ClientSecret).toMatch(/^[0-9a-z]{51}$/)
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      expect(await failure(newClient(sdk, 'us-east-1_AAAAAAAAA'))).toEqual({
        name: 'ResourceNotFoundException',
        message: 'User pool us-east-1_AAAAAAAAA does not exist.',
      })
    })
  })
})
