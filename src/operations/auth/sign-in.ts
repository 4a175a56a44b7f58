import type { Context } from '../../core/context.ts'
import { nowSeconds } from '../../core/context.ts'
import { CognitoError, errors } from '../../core/errors.ts'
import { checkNotLockedOut, clearWrongPasswords, recordWrongPassword } from '../../core/lockout.ts'
import { passwordMatches } from '../../core/passwords.ts'
import { schemaAttributes } from '../../core/schema-attributes.ts'
import type { ClientRecord, PoolRecord, UserRecord } from '../../core/state.ts'
import { type AuthenticationResult, issueTokens } from '../../core/tokens.ts'
import { findUser } from '../../core/users.ts'
import { afterFirstFactor } from './second-factor.ts'
import { openSession } from './sessions.ts'

/** The body of InitiateAuth, RespondToAuthChallenge and their Admin twins. */
export interface AuthOutput {
  ChallengeName?: string
  Session?: string
  /** USER_AUTH's SELECT_CHALLENGE: the first factors the user can choose from. */
  AvailableChallenges?: string[]
  ChallengeParameters: Record<string, string>
  AuthenticationResult?: AuthenticationResult
}

const incorrect = () => new CognitoError('NotAuthorizedException', 'Incorrect username or password.')

/** An AuthParameters or ChallengeResponses member Cognito requires, or its `Missing required parameter X`. */
export function requireParameter(params: Record<string, string> | undefined, name: string): string {
  const value = params?.[name]
  if (value === undefined || value === '') throw errors.invalidParameter(`Missing required parameter ${name}`)
  return value
}

/**
 * The user signing in, found by username, email/phone (UsernameAttributes) or alias. An unknown user is
 * `UserNotFoundException`, or the same `Incorrect username or password.` as a wrong password when the client
 * prevents user existence errors.
 */
export function signInUser(pool: PoolRecord, client: ClientRecord, name: string): UserRecord {
  const user = findUser(pool, name)
  if (user) return user
  if (client.PreventUserExistenceErrors === 'ENABLED') throw incorrect()
  throw errors.userNotFound()
}

/** A disabled user cannot start any sign-in, whatever the password. */
export function requireEnabled(user: UserRecord): void {
  if (!user.enabled) throw new CognitoError('NotAuthorizedException', 'User is disabled.')
}

/** Checks a plain password (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH) against the stored hash. */
export function checkPassword(ctx: Context, pool: PoolRecord, user: UserRecord, password: string): void {
  requireEnabled(user)
  checkNotLockedOut(ctx, user)
  const matches =
    user.passwordHash !== undefined &&
    passwordMatches(pool.config.Id, user.username, password, user.passwordHash)
  if (user.status === 'RESET_REQUIRED' && (matches || user.passwordHash === undefined)) {
    throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user')
  }
  if (!matches) {
    recordWrongPassword(ctx, user)
    throw incorrect()
  }
  clearWrongPasswords(user)
}

/**
 * What follows a correct password, as Cognito decides it from the user's status: an error, the
 * NEW_PASSWORD_REQUIRED challenge, or the second factor (MFA, device) and tokens. `deviceKey` is the DEVICE_KEY
 * the client sent, if any.
 */
export function afterPassword(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
  deviceKey?: string,
): AuthOutput | Promise<AuthOutput> {
  switch (user.status) {
    case 'UNCONFIRMED':
      throw new CognitoError('UserNotConfirmedException', 'User is not confirmed.')
    case 'RESET_REQUIRED':
      throw new CognitoError('PasswordResetRequiredException', 'Password reset required for the user')
    case 'FORCE_CHANGE_PASSWORD':
      if (user.temporaryPasswordExpires !== undefined && user.temporaryPasswordExpires <= nowSeconds(ctx)) {
        throw new CognitoError(
          'NotAuthorizedException',
          'Temporary password has expired and must be reset by an administrator.',
        )
      }
      return newPasswordChallenge(ctx, pool, client, user)
    default:
      return afterFirstFactor(ctx, pool, client, user, deviceKey)
  }
}

/** Tokens for a user who has passed every challenge. */
export async function signedIn(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
): Promise<AuthOutput> {
  const AuthenticationResult = await issueTokens(ctx, pool, client, user)
  return { AuthenticationResult, ChallengeParameters: {} }
}

/**
 * NEW_PASSWORD_REQUIRED, with the user's attributes and the required ones it lacks as JSON strings, as
 * Amplify and amazon-cognito-identity-js parse them.
 */
function newPasswordChallenge(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  user: UserRecord,
): AuthOutput {
  const userAttributes: Record<string, string> = {}
  for (const [name, value] of Object.entries(user.attributes)) {
    if (name !== 'sub') userAttributes[name] = value
  }
  return {
    ChallengeName: 'NEW_PASSWORD_REQUIRED',
    Session: openSession(ctx, pool, client, user.username, 'NEW_PASSWORD_REQUIRED'),
    ChallengeParameters: {
      USER_ID_FOR_SRP: user.username,
      requiredAttributes: JSON.stringify(
        missingRequired(pool, user.attributes).map((n) => `userAttributes.${n}`),
      ),
      userAttributes: JSON.stringify(userAttributes),
    },
  }
}

/** Schema attributes marked Required that the user does not have yet. */
export function missingRequired(pool: PoolRecord, attributes: Record<string, string>): string[] {
  return schemaAttributes(pool)
    .filter((a) => a.Required && a.Name !== 'sub' && !attributes[a.Name])
    .map((a) => a.Name)
}
