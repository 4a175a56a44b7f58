import type { Operation } from '../types.ts'
import { adminConfirmSignUp } from './admin-confirm-sign-up.ts'
import { adminCreateUser } from './admin-create-user.ts'
import { adminDeleteUser } from './admin-delete-user.ts'
import { adminGetUser } from './admin-get-user.ts'
import { adminSetUserPassword } from './admin-set-user-password.ts'
import { signUp } from './sign-up.ts'

export const operations: Record<string, Operation> = {
  AdminConfirmSignUp: adminConfirmSignUp,
  AdminCreateUser: adminCreateUser,
  AdminDeleteUser: adminDeleteUser,
  AdminGetUser: adminGetUser,
  AdminSetUserPassword: adminSetUserPassword,
  SignUp: signUp,
}
