import type { Operation } from '../types.ts'
import { changePassword } from './change-password.ts'
import { confirmForgotPassword } from './confirm-forgot-password.ts'
import { confirmSignUp } from './confirm-sign-up.ts'
import { deleteUser } from './delete-user.ts'
import { deleteUserAttributes } from './delete-user-attributes.ts'
import { forgotPassword } from './forgot-password.ts'
import { getUser } from './get-user.ts'
import { getUserAttributeVerificationCode } from './get-user-attribute-verification-code.ts'
import { resendConfirmationCode } from './resend-confirmation-code.ts'
import { updateUserAttributes } from './update-user-attributes.ts'
import { verifyUserAttribute } from './verify-user-attribute.ts'

/** The self-service user lifecycle: confirmation, password recovery and change, and the signed-in user's account. */
export const operations: Record<string, Operation> = {
  ConfirmSignUp: confirmSignUp,
  ResendConfirmationCode: resendConfirmationCode,
  ForgotPassword: forgotPassword,
  ConfirmForgotPassword: confirmForgotPassword,
  ChangePassword: changePassword,
  GetUser: getUser,
  UpdateUserAttributes: updateUserAttributes,
  GetUserAttributeVerificationCode: getUserAttributeVerificationCode,
  VerifyUserAttribute: verifyUserAttribute,
  DeleteUser: deleteUser,
  DeleteUserAttributes: deleteUserAttributes,
}
