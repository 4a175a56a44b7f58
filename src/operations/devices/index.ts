import type { Operation } from '../types.ts'
import { adminForgetDevice } from './admin-forget-device.ts'
import { adminGetDevice } from './admin-get-device.ts'
import { adminListDevices } from './admin-list-devices.ts'
import { adminUpdateDeviceStatus } from './admin-update-device-status.ts'
import { confirmDevice } from './confirm-device.ts'
import { forgetDevice } from './forget-device.ts'
import { getDevice } from './get-device.ts'
import { listDevices } from './list-devices.ts'
import { updateDeviceStatus } from './update-device-status.ts'

/** Remembered devices: confirming, listing, remembering and forgetting them. */
export const operations: Record<string, Operation> = {
  AdminForgetDevice: adminForgetDevice,
  AdminGetDevice: adminGetDevice,
  AdminListDevices: adminListDevices,
  AdminUpdateDeviceStatus: adminUpdateDeviceStatus,
  ConfirmDevice: confirmDevice,
  ForgetDevice: forgetDevice,
  GetDevice: getDevice,
  ListDevices: listDevices,
  UpdateDeviceStatus: updateDeviceStatus,
}
