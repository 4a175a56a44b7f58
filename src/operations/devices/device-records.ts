import { CognitoError } from '../../core/errors.ts'
import { type DeviceRecord, ownEntry, type PoolRecord, type UserRecord } from '../../core/state.ts'
import type { Output } from '../types.ts'

/** A device of the user that ConfirmDevice registered, or Cognito's `Device does not exist.` */
export function requireDevice(user: UserRecord, deviceKey: string): DeviceRecord {
  const device = ownEntry(user.devices, deviceKey)
  if (!device?.verifier) throw new CognitoError('ResourceNotFoundException', 'Device does not exist.')
  return device
}

/** The user's registered devices, oldest first. */
export const registeredDevices = (user: UserRecord): DeviceRecord[] =>
  Object.values(user.devices ?? {}).filter((d) => d.verifier)

/** Whether ConfirmDevice leaves the device not remembered until the user says so (UpdateDeviceStatus). */
export const rememberedOnPrompt = (pool: PoolRecord): boolean =>
  (pool.config.DeviceConfiguration as { DeviceOnlyRememberedOnUserPrompt?: boolean } | undefined)
    ?.DeviceOnlyRememberedOnUserPrompt === true

/**
 * A device as Cognito describes it (DeviceType).
 *
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeviceType.html
 */
export function deviceType(device: DeviceRecord): Output {
  return {
    DeviceKey: device.deviceKey,
    DeviceAttributes: [
      { Name: 'device_status', Value: 'valid' },
      ...(device.name === undefined ? [] : [{ Name: 'device_name', Value: device.name }]),
      {
        Name: 'dev:device_remembered_status',
        Value: device.remembered ? 'remembered' : 'not_remembered',
      },
    ],
    DeviceCreateDate: device.created,
    DeviceLastModifiedDate: device.modified,
    DeviceLastAuthenticatedDate: device.lastAuthenticated,
  }
}

/** One page of the user's devices: Limit (60 at most, the default) from an opaque PaginationToken. */
export function listDevicesPage(
  user: UserRecord,
  limit: number | undefined,
  token: string | undefined,
): Output {
  const devices = registeredDevices(user)
  let start = 0
  if (token !== undefined) {
    start = devices.findIndex((d) => d.deviceKey === decodeToken(token))
    if (start < 0) throw new CognitoError('InvalidParameterException', 'Invalid pagination token.')
  }
  const size = limit === undefined || limit === 0 ? 60 : limit
  const page = devices.slice(start, start + size)
  const next = devices[start + size]
  return {
    Devices: page.map(deviceType),
    ...(next ? { PaginationToken: btoa(next.deviceKey) } : {}),
  }
}

function decodeToken(token: string): string | undefined {
  try {
    return atob(token)
  } catch {
    return undefined
  }
}

/** Sets a device's remembered status (UpdateDeviceStatus, AdminUpdateDeviceStatus). */
export function setRemembered(device: DeviceRecord, status: string | undefined, now: number): void {
  device.remembered = status === 'remembered'
  device.modified = now
}

/** Forgets a device: it can no longer sign in, and its key is unknown from now on. */
export function forget(user: UserRecord, device: DeviceRecord): void {
  delete user.devices?.[device.deviceKey]
}
