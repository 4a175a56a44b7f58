import type { Operation } from '../types.ts'
import { adminConfirmSignUp } from './admin-confirm-sign-up.ts'
import { adminCreateUser } from './admin-create-user.ts'
import { adminDeleteUser } from './admin-delete-user.ts'
import { adminDeleteUserAttributes } from './admin-delete-user-attributes.ts'
import { adminDisableUser } from './admin-disable-user.ts'
import { adminEnableUser } from './admin-enable-user.ts'
import { adminGetUser } from './admin-get-user.ts'
import { adminResetUserPassword } from './admin-reset-user-password.ts'
import { adminSetUserPassword } from './admin-set-user-password.ts'
import { adminUpdateUserAttributes } from './admin-update-user-attributes.ts'
import { adminUserGlobalSignOut } from './admin-user-global-sign-out.ts'
import { listUsers } from './list-users.ts'
import { signUp } from './sign-up.ts'

export const operations: Record<string, Operation> = {
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminDeleteUserAttributes: adminDeleteUserAttributes,
  AdminDisableUser: adminDisableUser,
  AdminEnableUser: adminEnableUser,
  AdminGetUser: adminGetUser,
  AdminResetUserPassword: adminResetUserPassword,
  AdminSetUserPassword: adminSetUserPassword,
  AdminUpdateUserAttributes: adminUpdateUserAttributes,
  AdminUserGlobalSignOut: adminUserGlobalSignOut,
  ListUsers: listUsers,
  SignUp: signUp,
}
