import type { Context } from '../../core/context.ts'
import { nowSeconds } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { ownEntry } from '../../core/state.ts'
import { verifyAccessToken } from '../../core/tokens.ts'
import { requireEnabled } from '../account/signed-in.ts'
import type { Input } from '../types.ts'
import { rememberedOnPrompt } from './device-records.ts'

/**
 * Registers the device a sign-in returned in NewDeviceMetadata, with the SRP verifier of its random password
 * (DeviceSecretVerifierConfig), so later sign-ins can use DEVICE_SRP_AUTH. Where the pool remembers devices only
 * on the user's prompt, UserConfirmationNecessary is true and the device stays not remembered.
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmDevice.html
 */
export async function confirmDevice(
  input: Input,
  ctx: Context,
): Promise<{ UserConfirmationNecessary: boolean }> {
  const { pool, user } = await verifyAccessToken(ctx, input.AccessToken)
  requireEnabled(user)
  const key = input.DeviceKey as string
  const device = ownEntry(user.devices, key)
  if (!device) throw new CognitoError('ResourceNotFoundException', 'Device does not exist.')
  if (device.verifier) throw new CognitoError('DeviceKeyExistsException', 'Device key already exists.')
  const config = input.DeviceSecretVerifierConfig as { Salt?: string; PasswordVerifier?: string } | undefined
  if (!config?.Salt || !config.PasswordVerifier) {
    throw errors.invalidParameter('DeviceSecretVerifierConfig with Salt and PasswordVerifier is required.')
  }
  const onPrompt = rememberedOnPrompt(pool)
  device.verifier = { Salt: config.Salt, PasswordVerifier: config.PasswordVerifier }
  if (input.DeviceName !== undefined) device.name = input.DeviceName
  device.remembered = !onPrompt
  device.modified = nowSeconds(ctx)
  return { UserConfirmationNecessary: onPrompt }
}
