/**
 * An error that Cognito itself would answer with: its `__type` name and its own message.
 * Operations throw it; the MSW layer encodes it as `{ "__type", "message" }` with status 400.
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
}
