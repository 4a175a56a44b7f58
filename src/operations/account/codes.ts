import type { Context } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { code as newCode } from '../../core/ids.ts'
import type { CodeRecord, UserRecord } from '../../core/state.ts'

/** The one-time codes of the self-service lifecycle, by the key they are kept under in `user.codes`. */
export type CodePurpose = 'signUp' | 'forgotPassword' | 'verify:email' | 'verify:phone_number'

const HOUR = 3600 * 1000

/** How long each code stays valid: a day for sign-up and attribute codes, an hour for a password reset. */
const LIFETIME: Record<CodePurpose, number> = {
  signUp: 24 * HOUR,
  forgotPassword: HOUR,
  'verify:email': 24 * HOUR,
  'verify:phone_number': 24 * HOUR,
}

/** Wrong answers Cognito accepts for one code before it answers LimitExceededException. */
export const MAX_WRONG_ATTEMPTS = 5

/** A stored code with what this area keeps beside it (plain data, so snapshots carry it). */
export interface TrackedCode extends CodeRecord {
  /** Wrong answers given so far. */
  attempts?: number
  /** For `verify:*` codes: the new value that becomes the attribute once verified (AttributesRequireVerificationBeforeUpdate). */
  value?: string
}

export const codeMismatch = (): CognitoError =>
  new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.')
export const expiredCode = (): CognitoError =>
  new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.')
export const attemptLimit = (): CognitoError =>
  new CognitoError('LimitExceededException', 'Attempt limit exceeded, please try after some time.')

/** Stores a fresh code for `purpose`, replacing an earlier one, and returns it. */
export function issueCode(
  ctx: Context,
  user: UserRecord,
  purpose: CodePurpose,
  extra: { value?: string } = {},
): string {
  const code = newCode()
  const record: TrackedCode = { code, expires: ctx.now().getTime() + LIFETIME[purpose], ...extra }
  user.codes[purpose] = record
  return code
}

/**
 * Checks an answer against the pending code, as Cognito does: no code or an old one → ExpiredCodeException,
 * a wrong one → CodeMismatchException (counted), too many wrong ones → LimitExceededException. It does not
 * use the code up; call `consumeCode` when the operation succeeds.
 */
export function checkCode(ctx: Context, user: UserRecord, purpose: CodePurpose, given: string): TrackedCode {
  const record = user.codes[purpose] as TrackedCode | undefined
  if (!record || record.expires <= ctx.now().getTime()) throw expiredCode()
  if ((record.attempts ?? 0) >= MAX_WRONG_ATTEMPTS) throw attemptLimit()
  if (record.code !== given) {
    record.attempts = (record.attempts ?? 0) + 1
    throw codeMismatch()
  }
  return record
}

export function consumeCode(user: UserRecord, purpose: CodePurpose): void {
  delete user.codes[purpose]
}
