import { createHmac } from 'node:crypto'
import { createRequire } from 'node:module'
import {
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  ForgetDeviceCommand,
  GetDeviceCommand,
  ListDevicesCommand,
  RespondToAuthChallengeCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { claims, createUser, failure, passwordSignIn, poolWithClient } from '../support/auth-fixtures.ts'
import { sdkClient, useCognito } from '../support/cognito.ts'

interface BigIntegerLike {
  toString(radix: number): string
}
const require = createRequire(import.meta.url)
const cij = require('amazon-cognito-identity-js') as {
  AuthenticationHelper: new (
    poolName: string,
  ) => {
    generateHashDevice(groupKey: string, username: string, cb: (err: unknown) => void): void
    getSaltDevices(): string
    getVerifierDevices(): string
    getRandomPassword(): string
    getLargeAValue(cb: (err: unknown, a: BigIntegerLike) => void): void
    getPasswordAuthenticationKey(
      userId: string,
      password: string,
      B: BigIntegerLike,
      salt: BigIntegerLike,
      cb: (err: unknown, key: Uint8Array) => void,
    ): void
  }
  DateHelper: new () => { getNowString(): string }
}
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger.js').default as new (
  hex: string,
  radix: number,
) => BigIntegerLike

useCognito()
const sdk = sdkClient()
const notFound = { name: 'ResourceNotFoundException', message: 'Device does not exist.' }
const hexToBase64 = (hex: string) => Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex').toString('base64')

/** A pool that tracks devices, alice signed in, and the NewDeviceMetadata of her sign-in. */
async function signedIn(DeviceOnlyRememberedOnUserPrompt = false) {
  const { poolId, clientId } = await poolWithClient(sdk, {
    DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt },
  })
  await createUser(sdk, poolId, 'alice')
  const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice')
  return {
    poolId,
    clientId,
    AccessToken: AuthenticationResult!.AccessToken!,
    device: AuthenticationResult!.NewDeviceMetadata!,
  }
}

/** What a client does with NewDeviceMetadata: a random password and its SRP verifier (clients.md §3). */
async function deviceSecret(DeviceGroupKey: string, DeviceKey: string) {
  const helper = new cij.AuthenticationHelper('unused')
  await new Promise<void>((resolve, reject) =>
    helper.generateHashDevice(DeviceGroupKey, DeviceKey, (err) => (err ? reject(err) : resolve())),
  )
  return {
    password: helper.getRandomPassword(),
    config: {
      Salt: hexToBase64(helper.getSaltDevices()),
      PasswordVerifier: hexToBase64(helper.getVerifierDevices()),
    },
  }
}

describe('device tracking', () => {
  it('stays off unless the pool has a DeviceConfiguration', async () => {
    const { poolId, clientId } = await poolWithClient(sdk)
    await createUser(sdk, poolId, 'alice')
    const { AuthenticationResult } = await passwordSignIn(sdk, clientId, 'alice')
    expect(AuthenticationResult).not.toHaveProperty('NewDeviceMetadata')
    expect(claims(AuthenticationResult?.AccessToken)).not.toHaveProperty('device_key')
  })

  it('hands out NewDeviceMetadata and puts the device key in the access token', async () => {
    const { AccessToken, device } = await signedIn()
    expect(device.DeviceKey).toMatch(/^us-east-1_[0-9a-f-]{36}$/)
    expect(device.DeviceGroupKey).toMatch(/^-[A-Za-z0-9]{9}$/)
    expect(claims(AccessToken).device_key).toBe(device.DeviceKey)
  })

  it('confirms a device, remembering it unless the user must be asked', async () => {
    for (const onPrompt of [false, true]) {
      const { AccessToken, device } = await signedIn(onPrompt)
      const { config } = await deviceSecret(device.DeviceGroupKey!, device.DeviceKey!)
      const out = await sdk.send(
        new ConfirmDeviceCommand({
          AccessToken,
          DeviceKey: device.DeviceKey,
          DeviceName: 'phone',
          DeviceSecretVerifierConfig: config,
        }),
      )
      expect(out.UserConfirmationNecessary).toBe(onPrompt)
      const { Device } = await sdk.send(new GetDeviceCommand({ AccessToken, DeviceKey: device.DeviceKey }))
      expect(Device?.DeviceAttributes).toEqual([
        { Name: 'device_status', Value: 'valid' },
        { Name: 'device_name', Value: 'phone' },
        { Name: 'dev:device_remembered_status', Value: onPrompt ? 'not_remembered' : 'remembered' },
      ])
    }
  })

  it('answers ResourceNotFoundException for a device key the user does not have', async () => {
    const { poolId, clientId, AccessToken } = await signedIn()
    const DeviceKey = 'us-east-1_00000000-0000-0000-0000-000000000000'
    const config = { Salt: 'c2FsdA==', PasswordVerifier: 'dmVyaWZpZXI=' }
    expect(
      await failure(
        sdk.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: config })),
      ),
    ).toEqual(notFound)
    expect(await failure(sdk.send(new GetDeviceCommand({ AccessToken, DeviceKey })))).toEqual(notFound)
    expect(await failure(sdk.send(new ForgetDeviceCommand({ AccessToken, DeviceKey })))).toEqual(notFound)
    expect(
      await failure(
        sdk.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: 'alice', DeviceKey })),
      ),
    ).toEqual(notFound)
    expect(
      await failure(passwordSignIn(sdk, clientId, 'alice', undefined, { DEVICE_KEY: DeviceKey })),
    ).toEqual(notFound)
  })

  it('lists, updates and forgets devices for the user and for an administrator', async () => {
    const { poolId, AccessToken, device } = await signedIn()
    const DeviceKey = device.DeviceKey!
    const { config } = await deviceSecret(device.DeviceGroupKey!, DeviceKey)
    await sdk.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: config }))
    const admin = { UserPoolId: poolId, Username: 'alice' }
    expect(
      (await sdk.send(new ListDevicesCommand({ AccessToken }))).Devices?.map((d) => d.DeviceKey),
    ).toEqual([DeviceKey])
    expect((await sdk.send(new AdminListDevicesCommand(admin))).Devices?.map((d) => d.DeviceKey)).toEqual([
      DeviceKey,
    ])
    await sdk.send(
      new UpdateDeviceStatusCommand({ AccessToken, DeviceKey, DeviceRememberedStatus: 'not_remembered' }),
    )
    const status = async () =>
      (await sdk.send(new AdminGetDeviceCommand({ ...admin, DeviceKey }))).Device?.DeviceAttributes?.at(-1)
        ?.Value
    expect(await status()).toBe('not_remembered')
    await sdk.send(
      new AdminUpdateDeviceStatusCommand({ ...admin, DeviceKey, DeviceRememberedStatus: 'remembered' }),
    )
    expect(await status()).toBe('remembered')
    await sdk.send(new AdminForgetDeviceCommand({ ...admin, DeviceKey }))
    expect((await sdk.send(new ListDevicesCommand({ AccessToken }))).Devices).toEqual([])
    expect(await failure(sdk.send(new ForgetDeviceCommand({ AccessToken, DeviceKey })))).toEqual(notFound)
  })

  it('signs a remembered device in with DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER', async () => {
    const { clientId, AccessToken, device } = await signedIn()
    const DeviceKey = device.DeviceKey!
    const { password, config } = await deviceSecret(device.DeviceGroupKey!, DeviceKey)
    await sdk.send(new ConfirmDeviceCommand({ AccessToken, DeviceKey, DeviceSecretVerifierConfig: config }))

    const first = await passwordSignIn(sdk, clientId, 'alice', undefined, { DEVICE_KEY: DeviceKey })
    expect(first.ChallengeName).toBe('DEVICE_SRP_AUTH')
    const helper = new cij.AuthenticationHelper(device.DeviceGroupKey!)
    const A = await new Promise<BigIntegerLike>((resolve) => helper.getLargeAValue((_, a) => resolve(a)))
    const verifier = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, SRP_A: A.toString(16) },
      }),
    )
    expect(verifier.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER')
    const params = verifier.ChallengeParameters!
    const key = await new Promise<Uint8Array>((resolve, reject) =>
      helper.getPasswordAuthenticationKey(
        DeviceKey,
        password,
        new BigInteger(params.SRP_B!, 16),
        new BigInteger(params.SALT!, 16),
        (err, k) => (err ? reject(err) : resolve(k)),
      ),
    )
    const TIMESTAMP = new cij.DateHelper().getNowString()
    const sign = (secretKey: Uint8Array) =>
      createHmac('sha256', secretKey)
        .update(
          Buffer.concat([
            Buffer.from(device.DeviceGroupKey!),
            Buffer.from(DeviceKey),
            Buffer.from(params.SECRET_BLOCK!, 'base64'),
            Buffer.from(TIMESTAMP),
          ]),
        )
        .digest('base64')
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: {
          USERNAME: 'alice',
          DEVICE_KEY: DeviceKey,
          PASSWORD_CLAIM_SECRET_BLOCK: params.SECRET_BLOCK!,
          TIMESTAMP,
          PASSWORD_CLAIM_SIGNATURE: sign(key),
        },
      }),
    )
    expect(done.AuthenticationResult).not.toHaveProperty('NewDeviceMetadata')
    expect(claims(done.AuthenticationResult?.AccessToken).device_key).toBe(DeviceKey)
  })
})
