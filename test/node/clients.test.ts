import {
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  DeleteUserPoolClientCommand,
  DescribeUserPoolClientCommand,
  ListUserPoolClientsCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { failure } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, secondsAfter, useCognito } from '../support/cognito.ts'

const { clock } = useCognito()

const invalid = (message: string) => ({ name: 'InvalidParameterException', message })
const UNKNOWN_POOL = 'us-east-1_AAAAAAAAA'
const UNKNOWN_CLIENT = 'aaaaaaaaaaaaaaaaaaaaaaaaaa'
const poolNotFound = {
  name: 'ResourceNotFoundException',
  message: `User pool ${UNKNOWN_POOL} does not exist.`,
}
const clientNotFound = {
  name: 'ResourceNotFoundException',
  message: `User pool client ${UNKNOWN_CLIENT} does not exist.`,
}
const badRange = invalid('Invalid range for token validity.')

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

const describeClient = (sdk: CognitoIdentityProviderClient, UserPoolId: string, ClientId: string) =>
  sdk.send(new DescribeUserPoolClientCommand({ UserPoolId, ClientId })).then((r) => r.UserPoolClient!)

const EVERY_MEMBER = {
  RefreshTokenValidity: 10,
  AccessTokenValidity: 30,
  IdTokenValidity: 45,
  TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'days' },
  ReadAttributes: ['email', 'name', 'custom:tier'],
  WriteAttributes: ['email', 'name'],
  ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
  SupportedIdentityProviders: ['COGNITO'],
  CallbackURLs: ['https://example.com/callback'],
  LogoutURLs: ['https://example.com/logout'],
  DefaultRedirectURI: 'https://example.com/callback',
  AllowedOAuthFlows: ['code'],
  AllowedOAuthScopes: ['openid', 'email'],
  AllowedOAuthFlowsUserPoolClient: true,
  AnalyticsConfiguration: { ApplicationId: 'abcdef0123456789', UserDataShared: false },
  PreventUserExistenceErrors: 'ENABLED',
  EnableTokenRevocation: false,
  EnablePropagateAdditionalUserContextData: true,
  AuthSessionValidity: 10,
  RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 10 },
}

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
        'SupportedIdentityProviders',
        'CallbackURLs',
        'AllowedOAuthFlows',
      ]) {
        expect(client).not.toHaveProperty(absent)
      }
    })

    it('gives a client a 51-character secret when GenerateSecret is true', async () => {
      const poolId = await newPool(sdk)
      const client = await newClient(sdk, poolId, { GenerateSecret: true })
      expect(client.ClientSecret).toMatch(/^[0-9a-z]{51}$/)
    })

    it('gives every client its own id', async () => {
      const poolId = await newPool(sdk)
      const a = await newClient(sdk, poolId)
      const b = await newClient(sdk, poolId)
      expect(a.ClientId).not.toBe(b.ClientId)
    })

    it('stores and echoes every configuration member it is given', async () => {
      const poolId = await newPool(sdk, { Schema: [{ Name: 'tier', AttributeDataType: 'String' }] })
      const client = await newClient(sdk, poolId, EVERY_MEMBER)
      expect(client).toMatchObject(EVERY_MEMBER)
      expect(await describeClient(sdk, poolId, client.ClientId!)).toEqual(client)
    })

    it('accepts token validities at the ends of their ranges', async () => {
      const poolId = await newPool(sdk)
      const low = await newClient(sdk, poolId, {
        AccessTokenValidity: 5,
        IdTokenValidity: 5,
        RefreshTokenValidity: 60,
        TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
      })
      expect(low).toMatchObject({ AccessTokenValidity: 5, IdTokenValidity: 5, RefreshTokenValidity: 60 })
      const high = await newClient(sdk, poolId, {
        AccessTokenValidity: 24,
        IdTokenValidity: 1,
        RefreshTokenValidity: 3650,
        TokenValidityUnits: { IdToken: 'days' },
      })
      expect(high).toMatchObject({ AccessTokenValidity: 24, IdTokenValidity: 1, RefreshTokenValidity: 3650 })
      expect(high.TokenValidityUnits).toEqual({ IdToken: 'days' })
    })

    it('refuses token validities outside 5 minutes–1 day (access, ID) and 60 minutes–10 years (refresh)', async () => {
      const poolId = await newPool(sdk)
      const minutes = { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' }
      for (const input of [
        { AccessTokenValidity: 25 },
        { IdTokenValidity: 25 },
        { AccessTokenValidity: 4, TokenValidityUnits: minutes },
        { IdTokenValidity: 299, TokenValidityUnits: { IdToken: 'seconds' } },
        { RefreshTokenValidity: 59, TokenValidityUnits: minutes },
        { RefreshTokenValidity: 3651 },
      ]) {
        expect(await failure(newClient(sdk, poolId, input))).toEqual(badRange)
      }
    })

    it('refuses read attributes the schema does not have', async () => {
      const poolId = await newPool(sdk)
      expect(await failure(newClient(sdk, poolId, { ReadAttributes: ['email', 'custom:nope'] }))).toEqual(
        invalid('Invalid read attributes specified while creating a client'),
      )
    })

    it('refuses write attributes that are unknown, verification flags, or miss a required attribute', async () => {
      const poolId = await newPool(sdk, {
        Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true }],
      })
      const refused = invalid('Invalid write attributes specified while creating a client')
      for (const WriteAttributes of [['email', 'custom:nope'], ['email', 'email_verified'], ['name']]) {
        expect(await failure(newClient(sdk, poolId, { WriteAttributes }))).toEqual(refused)
      }
      expect((await newClient(sdk, poolId, { WriteAttributes: ['email', 'name'] })).WriteAttributes).toEqual([
        'email',
        'name',
      ])
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      expect(await failure(newClient(sdk, UNKNOWN_POOL))).toEqual(poolNotFound)
    })
  })

  describe('DescribeUserPoolClient', () => {
    it('returns the client as CreateUserPoolClient did, its secret included', async () => {
      const poolId = await newPool(sdk)
      const client = await newClient(sdk, poolId, {
        GenerateSecret: true,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH'],
      })
      expect(await describeClient(sdk, poolId, client.ClientId!)).toEqual(client)
    })

    it('answers ResourceNotFoundException for an unknown client or pool', async () => {
      const poolId = await newPool(sdk)
      expect(await failure(describeClient(sdk, poolId, UNKNOWN_CLIENT))).toEqual(clientNotFound)
      expect(await failure(describeClient(sdk, UNKNOWN_POOL, UNKNOWN_CLIENT))).toEqual(poolNotFound)
    })

    it('does not find a client through another pool', async () => {
      const client = await newClient(sdk, await newPool(sdk))
      const other = await newPool(sdk)
      expect(await failure(describeClient(sdk, other, client.ClientId!))).toEqual({
        name: 'ResourceNotFoundException',
        message: `User pool client ${client.ClientId} does not exist.`,
      })
    })
  })

  describe('UpdateUserPoolClient', () => {
    it('replaces the configuration and resets members it is not given to their defaults', async () => {
      const poolId = await newPool(sdk, { Schema: [{ Name: 'tier', AttributeDataType: 'String' }] })
      const client = await newClient(sdk, poolId, { ...EVERY_MEMBER, GenerateSecret: true })
      clock.advance(60)
      const { UserPoolClient: updated } = await sdk.send(
        new UpdateUserPoolClientCommand({
          UserPoolId: poolId,
          ClientId: client.ClientId,
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        }),
      )
      expect(updated).toEqual({
        UserPoolId: poolId,
        ClientName: 'app',
        ClientId: client.ClientId,
        ClientSecret: client.ClientSecret,
        LastModifiedDate: secondsAfter(client.LastModifiedDate, 60),
        CreationDate: client.CreationDate,
        RefreshTokenValidity: 30,
        TokenValidityUnits: {},
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        AllowedOAuthFlowsUserPoolClient: false,
        EnableTokenRevocation: true,
        EnablePropagateAdditionalUserContextData: false,
        AuthSessionValidity: 3,
      })
      expect(await describeClient(sdk, poolId, client.ClientId!)).toEqual(updated)
    })

    it('renames the client when given ClientName', async () => {
      const poolId = await newPool(sdk)
      const client = await newClient(sdk, poolId)
      await sdk.send(
        new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId: client.ClientId, ClientName: 'web' }),
      )
      expect((await describeClient(sdk, poolId, client.ClientId!)).ClientName).toBe('web')
    })

    it('checks token validities and attributes as on creation', async () => {
      const poolId = await newPool(sdk)
      const { ClientId } = await newClient(sdk, poolId)
      const update = (input: Record<string, unknown>) =>
        failure(sdk.send(new UpdateUserPoolClientCommand({ UserPoolId: poolId, ClientId, ...input })))
      expect(await update({ AccessTokenValidity: 48 })).toEqual(badRange)
      expect(await update({ ReadAttributes: ['custom:nope'] })).toEqual(
        invalid('Invalid read attributes specified while updating a client'),
      )
      expect(await update({ WriteAttributes: ['email_verified'] })).toEqual(
        invalid('Invalid write attributes specified while updating a client'),
      )
    })

    it('answers ResourceNotFoundException for an unknown client or pool', async () => {
      const poolId = await newPool(sdk)
      const update = (UserPoolId: string) =>
        failure(sdk.send(new UpdateUserPoolClientCommand({ UserPoolId, ClientId: UNKNOWN_CLIENT })))
      expect(await update(poolId)).toEqual(clientNotFound)
      expect(await update(UNKNOWN_POOL)).toEqual(poolNotFound)
    })
  })

  describe('DeleteUserPoolClient', () => {
    it('deletes the client', async () => {
      const poolId = await newPool(sdk)
      const { ClientId } = await newClient(sdk, poolId)
      await sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId }))
      expect(await failure(describeClient(sdk, poolId, ClientId!))).toEqual({
        name: 'ResourceNotFoundException',
        message: `User pool client ${ClientId} does not exist.`,
      })
      expect(
        (await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId }))).UserPoolClients,
      ).toEqual([])
    })

    it('answers ResourceNotFoundException for an unknown client or pool', async () => {
      const poolId = await newPool(sdk)
      const remove = (UserPoolId: string) =>
        failure(sdk.send(new DeleteUserPoolClientCommand({ UserPoolId, ClientId: UNKNOWN_CLIENT })))
      expect(await remove(poolId)).toEqual(clientNotFound)
      expect(await remove(UNKNOWN_POOL)).toEqual(poolNotFound)
    })
  })

  describe('ListUserPoolClients', () => {
    it("lists each client's id, pool id and name", async () => {
      const poolId = await newPool(sdk)
      const client = await newClient(sdk, poolId, { ClientName: 'web', GenerateSecret: true })
      await newClient(sdk, await newPool(sdk), { ClientName: 'elsewhere' })
      const { UserPoolClients, NextToken } = await sdk.send(
        new ListUserPoolClientsCommand({ UserPoolId: poolId }),
      )
      expect(UserPoolClients).toEqual([{ ClientId: client.ClientId, UserPoolId: poolId, ClientName: 'web' }])
      expect(NextToken).toBeUndefined()
    })

    it('pages with MaxResults and NextToken, and a token stays valid while clients are added', async () => {
      const poolId = await newPool(sdk)
      const ids: string[] = []
      for (let i = 0; i < 5; i++) {
        ids.push((await newClient(sdk, poolId, { ClientName: `c${i}` })).ClientId!)
        clock.advance(1)
      }
      const first = await sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 3 }))
      expect(first.UserPoolClients!.map((c) => c.ClientId)).toEqual(ids.slice(0, 3))
      ids.push((await newClient(sdk, poolId, { ClientName: 'late' })).ClientId!)
      const second = await sdk.send(
        new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 3, NextToken: first.NextToken }),
      )
      expect(second.UserPoolClients!.map((c) => c.ClientId)).toEqual(ids.slice(3))
      expect(second.NextToken).toBeUndefined()
    })

    it('refuses MaxResults outside 1–60', async () => {
      const poolId = await newPool(sdk)
      expect(
        await failure(sdk.send(new ListUserPoolClientsCommand({ UserPoolId: poolId, MaxResults: 61 }))),
      ).toEqual(
        invalid(
          "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
        ),
      )
    })

    it('answers ResourceNotFoundException for an unknown pool', async () => {
      expect(await failure(sdk.send(new ListUserPoolClientsCommand({ UserPoolId: UNKNOWN_POOL })))).toEqual(
        poolNotFound,
      )
    })
  })
})
