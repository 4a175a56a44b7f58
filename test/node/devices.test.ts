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
import { deviceSecret, passwordClaim, srpStart } from '../support/cognito-identity-js.ts'

useCognito()
const sdk = sdkClient()
const notFound = { name: 'ResourceNotFoundException', message: 'Device does not exist.' }

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
    const { helper, SRP_A } = await srpStart(device.DeviceGroupKey!)
    const verifier = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_SRP_AUTH',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'alice', DEVICE_KEY: DeviceKey, SRP_A },
      }),
    )
    expect(verifier.ChallengeName).toBe('DEVICE_PASSWORD_VERIFIER')
    const params = verifier.ChallengeParameters!
    const claim = await passwordClaim(helper, device.DeviceGroupKey!, DeviceKey, password, params)
    const done = await sdk.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'DEVICE_PASSWORD_VERIFIER',
        Session: verifier.Session,
        ChallengeResponses: {
          USERNAME: 'alice',
          DEVICE_KEY: DeviceKey,
          ...claim,
        },
      }),
    )
    expect(done.AuthenticationResult).not.toHaveProperty('NewDeviceMetadata')
    expect(claims(done.AuthenticationResult?.AccessToken).device_key).toBe(DeviceKey)
  })
})
