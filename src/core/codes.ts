import type { Context } from './context.ts'
import { type CognitoError, errors } from './errors.ts'
import { code as newCode } from './ids.ts'
import { timingSafeEqual } from './sha256.ts'
import type { CodeRecord, UserRecord } from './state.ts'

/**
 * The one-time codes Cognito sends, by the key they are kept under in `user.codes`: the sign-up confirmation
 * (SignUp, ResendConfirmationCode), the password reset (ForgotPassword, AdminResetUserPassword) and the attribute
 * verifications (UpdateUserAttributes, AdminUpdateUserAttributes, GetUserAttributeVerificationCode).
 */
export type CodePurpose = 'signUp' | 'forgotPassword' | 'verify:email' | 'verify:phone_number'

const HOUR_MS = 3600 * 1000

/**
 * How long each code stays valid: a day for sign-up and attribute codes, an hour for a password reset.
 *
 * @note See decisions/0005-codes-and-messages.md.
 */
export const CODE_LIFETIME_MS: Record<CodePurpose, number> = {
  signUp: 24 * HOUR_MS,
  forgotPassword: HOUR_MS,
  'verify:email': 24 * HOUR_MS,
  'verify:phone_number': 24 * HOUR_MS,
}

/** Wrong answers Cognito accepts before it refuses every answer (see `ATTEMPT_LIMITS`). */
export const MAX_WRONG_ATTEMPTS = 5

/**
 * What happens after `MAX_WRONG_ATTEMPTS` wrong answers, by purpose: the error every answer then gets (the right one
 * too), and how the count is kept.
 * - `perCode`: the count belongs to the code; a new code starts again from zero.
 * - `hourly`: the count belongs to the user for an hour from the first wrong answer; a new code keeps it, and it
 *   clears when the hour is over. This follows the Developer Guide ("Recovering user accounts"): in a given hour
 *   Cognito allows between 5 and 20 attempts to request or enter a password-reset code.
 *
 * @note Only the password reset's LimitExceededException is confirmed (by issue threads with real responses).
 *   ConfirmSignUp's TooManyFailedAttemptsException and its counting are our reading of the API model. See
 *   decisions/0005-codes-and-messages.md.
 */
export const ATTEMPT_LIMITS: Record<CodePurpose, { error: () => CognitoError; count: 'perCode' | 'hourly' }> =
  {
    signUp: { error: errors.tooManyFailedAttempts, count: 'perCode' },
    forgotPassword: { error: errors.attemptLimit, count: 'hourly' },
    'verify:email': { error: errors.attemptLimit, count: 'perCode' },
    'verify:phone_number': { error: errors.attemptLimit, count: 'perCode' },
  }

/** A stored code (plain data, so snapshots carry it). */
export interface TrackedCode extends CodeRecord {
  /** Wrong answers given so far. */
  attempts?: number
  /** When (epoch milliseconds) the first of those wrong answers came; for `hourly` counts. */
  failingSince?: number
  /**
   * For `verify:*` codes: the new value that becomes the attribute once verified
   * (AttributesRequireVerificationBeforeUpdate).
   */
  value?: string
}

/** The pending code for `purpose`, if any (expired or not). */
export const pendingCode = (user: UserRecord, purpose: CodePurpose): TrackedCode | undefined =>
  user.codes[purpose] as TrackedCode | undefined

/** Whether a code is past its lifetime. */
export const codeExpired = (ctx: Context, record: CodeRecord): boolean =>
  record.expires <= ctx.now().getTime()

/** The wrong answers still counted against `purpose`: none once an `hourly` count's hour is over. */
function wrongAnswers(
  ctx: Context,
  purpose: CodePurpose,
  record: TrackedCode | undefined,
): { attempts: number; failingSince: number } | undefined {
  if (!record?.attempts) return undefined
  const now = ctx.now().getTime()
  const failingSince = record.failingSince ?? now
  if (ATTEMPT_LIMITS[purpose].count === 'hourly' && now >= failingSince + HOUR_MS) return undefined
  return { attempts: record.attempts, failingSince }
}

/**
 * Stores a fresh code for `purpose`, replacing an earlier one (which then answers ExpiredCodeException), and
 * returns it. An `hourly` count of wrong answers carries over to the new code.
 */
export function issueCode(
  ctx: Context,
  user: UserRecord,
  purpose: CodePurpose,
  extra: { value?: string | undefined } = {},
): string {
  const code = newCode()
  const carried =
    ATTEMPT_LIMITS[purpose].count === 'hourly'
      ? wrongAnswers(ctx, purpose, pendingCode(user, purpose))
      : undefined
  const record: TrackedCode = {
    code,
    expires: ctx.now().getTime() + CODE_LIFETIME_MS[purpose],
    ...(extra.value === undefined ? {} : { value: extra.value }),
    ...carried,
  }
  user.codes[purpose] = record
  return code
}

/**
 * Checks an answer against the pending code, as Cognito does: no code or an old one → ExpiredCodeException,
 * a wrong one → CodeMismatchException (counted), and after `MAX_WRONG_ATTEMPTS` wrong ones the purpose's error
 * (`ATTEMPT_LIMITS`) for every answer. It does not use the code up; call `clearCode` when the operation succeeds.
 */
export function checkCode(ctx: Context, user: UserRecord, purpose: CodePurpose, given: string): TrackedCode {
  const record = pendingCode(user, purpose)
  if (!record || codeExpired(ctx, record)) throw errors.expiredCode()
  const counted = wrongAnswers(ctx, purpose, record)
  if ((counted?.attempts ?? 0) >= MAX_WRONG_ATTEMPTS) throw ATTEMPT_LIMITS[purpose].error()
  if (!timingSafeEqual(record.code, given)) {
    record.attempts = (counted?.attempts ?? 0) + 1
    record.failingSince = counted?.failingSince ?? ctx.now().getTime()
    throw errors.codeMismatch()
  }
  return record
}

/** Forgets the pending code for `purpose` (used up, or made pointless by a change). */
export function clearCode(user: UserRecord, purpose: CodePurpose): void {
  delete user.codes[purpose]
}
