import type { Context } from './context.ts'
import { errors } from './errors.ts'
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

/** Wrong answers Cognito accepts for one code before it answers LimitExceededException. */
export const MAX_WRONG_ATTEMPTS = 5

/** A stored code (plain data, so snapshots carry it). */
export interface TrackedCode extends CodeRecord {
  /** Wrong answers given so far. */
  attempts?: number
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

/**
 * Stores a fresh code for `purpose`, replacing an earlier one (which then answers ExpiredCodeException), and
 * returns it.
 */
export function issueCode(
  ctx: Context,
  user: UserRecord,
  purpose: CodePurpose,
  extra: { value?: string | undefined } = {},
): string {
  const code = newCode()
  const record: TrackedCode = {
    code,
    expires: ctx.now().getTime() + CODE_LIFETIME_MS[purpose],
    ...(extra.value === undefined ? {} : { value: extra.value }),
  }
  user.codes[purpose] = record
  return code
}

/**
 * Checks an answer against the pending code, as Cognito does: no code or an old one → ExpiredCodeException,
 * a wrong one → CodeMismatchException (counted), too many wrong ones → LimitExceededException. It does not
 * use the code up; call `clearCode` when the operation succeeds.
 */
export function checkCode(ctx: Context, user: UserRecord, purpose: CodePurpose, given: string): TrackedCode {
  const record = pendingCode(user, purpose)
  if (!record || codeExpired(ctx, record)) throw errors.expiredCode()
  if ((record.attempts ?? 0) >= MAX_WRONG_ATTEMPTS) throw errors.attemptLimit()
  if (!timingSafeEqual(record.code, given)) {
    record.attempts = (record.attempts ?? 0) + 1
    throw errors.codeMismatch()
  }
  return record
}

/** Forgets the pending code for `purpose` (used up, or made pointless by a change). */
export function clearCode(user: UserRecord, purpose: CodePurpose): void {
  delete user.codes[purpose]
}
