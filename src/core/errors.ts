/**
 * An error that Cognito itself would answer with: its `__type` name and its own message.
 * Operations throw it; the MSW layer encodes it as `{ "__type", "message" }` with status 400.
 *
 * @example
 * ```ts
 * const error = new CognitoError('UserNotFoundException', 'User does not exist.')
 * error.name // 'UserNotFoundException', as the AWS SDK names the error it throws
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/CommonErrors.html
 */
export class CognitoError extends Error {
  readonly type: string
  readonly status: number

  constructor(type: string, message: string, status = 400) {
    super(message)
    this.name = type
    this.type = type
    this.status = status
  }
}

/** Shorthands for the errors most operations share, in AWS's wording. */
export const errors = {
  invalidParameter: (message: string): CognitoError => new CognitoError('InvalidParameterException', message),
  notAuthorized: (message: string): CognitoError => new CognitoError('NotAuthorizedException', message),
  poolNotFound: (id: string): CognitoError =>
    new CognitoError('ResourceNotFoundException', `User pool ${id} does not exist.`),
  clientNotFound: (id: string): CognitoError =>
    new CognitoError('ResourceNotFoundException', `User pool client ${id} does not exist.`),
  userNotFound: (): CognitoError => new CognitoError('UserNotFoundException', 'User does not exist.'),
  usernameExists: (): CognitoError => new CognitoError('UsernameExistsException', 'User already exists'),
  invalidPassword: (why: string): CognitoError =>
    new CognitoError('InvalidPasswordException', `Password did not conform with policy: ${why}`),
  codeMismatch: (): CognitoError =>
    new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.'),
  expiredCode: (): CognitoError =>
    new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.'),
  attemptLimit: (): CognitoError =>
    new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.'),
  /**
   * ConfirmSignUp's answer once the sign-up code has had too many wrong answers (the API model lists this exception
   * only for ConfirmSignUp, ConfirmForgotPassword and AdminConfirmSignUp).
   *
   * @note Unconfirmed, name and message alike: no real response was found. See decisions/0005-codes-and-messages.md.
   */
  tooManyFailedAttempts: (): CognitoError =>
    new CognitoError('TooManyFailedAttemptsException', 'Attempt limit exceeded, please try after some time.'),
  /**
   * Another user already signs in with this email / phone number / preferred_username. Cognito words it after the
   * kind of sign-in name: `An account with the email already exists.` for an alias (AliasAttributes), `An account
   * with the given email already exists.` where it is the username (UsernameAttributes).
   *
   * @note See decisions/0005-codes-and-messages.md for the sources.
   */
  signInNameExists: (
    type: 'AliasExistsException' | 'UsernameExistsException',
    attribute: string,
    kind: 'alias' | 'username',
  ): CognitoError =>
    new CognitoError(
      type,
      `An account with the ${kind === 'username' ? 'given ' : ''}${attribute} already exists.`,
    ),
}
