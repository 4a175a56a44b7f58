import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TRIGGER_SOURCES } from '../../src/core/triggers.ts'

/**
 * AWS's trigger sources (the developer guide's list, as @types/aws-lambda types them).
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
const MESSAGES = [
  'SignUp',
  'AdminCreateUser',
  'ResendCode',
  'ForgotPassword',
  'UpdateUserAttribute',
  'VerifyUserAttribute',
  'Authentication',
]
const AWS_SOURCES = [
  'PreSignUp_SignUp',
  'PreSignUp_AdminCreateUser',
  'PreSignUp_ExternalProvider',
  'PostConfirmation_ConfirmSignUp',
  'PostConfirmation_ConfirmForgotPassword',
  'PreAuthentication_Authentication',
  'PostAuthentication_Authentication',
  'DefineAuthChallenge_Authentication',
  'CreateAuthChallenge_Authentication',
  'VerifyAuthChallengeResponse_Authentication',
  'TokenGeneration_HostedAuth',
  'TokenGeneration_Authentication',
  'TokenGeneration_NewPasswordChallenge',
  'TokenGeneration_AuthenticateDevice',
  'TokenGeneration_RefreshTokens',
  'TokenGeneration_ClientCredentials',
  'UserMigration_Authentication',
  'UserMigration_ForgotPassword',
  'InboundFederation_ExternalProvider',
  ...MESSAGES.map((s) => `CustomMessage_${s}`),
  ...MESSAGES.map((s) => `CustomEmailSender_${s}`),
  'CustomEmailSender_AccountTakeOverNotification',
  ...MESSAGES.map((s) => `CustomSMSSender_${s}`),
]

/** Sources that need a hosted UI, federation, the client-credentials grant or threat protection: never emitted. */
const NOT_EMULATED = [
  'PreSignUp_ExternalProvider',
  'TokenGeneration_HostedAuth',
  'TokenGeneration_ClientCredentials',
  'InboundFederation_ExternalProvider',
  'CustomEmailSender_AccountTakeOverNotification',
]

/** The text inside the parentheses of every `.toEqual(` call, brackets balanced, strings skipped. */
function toEqualArguments(text: string): string[] {
  const found: string[] = []
  for (let start = text.indexOf('.toEqual('); start !== -1; start = text.indexOf('.toEqual(', start + 1)) {
    let depth = 0
    let i = start + '.toEqual'.length
    for (; i < text.length; i++) {
      const c = text[i]!
      if (c === "'" || c === '"' || c === '`') {
        for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++
      } else if (c === '(' || c === '[' || c === '{') depth++
      else if (c === ')' || c === ']' || c === '}') {
        depth--
        if (depth === 0) break
      }
    }
    found.push(text.slice(start, i + 1))
  }
  return found
}

/**
 * The sources some triggers-*.test.ts asserts as a whole event: `triggerSource: '<source>'` inside the argument
 * of a `.toEqual(` that also gives the event's `request` and `response` (so not a `toMatchObject`, not a list of
 * sources).
 */
function sourcesAssertedInFull(): Set<string> {
  const dir = import.meta.dirname
  const asserted = new Set<string>()
  for (const file of readdirSync(dir).filter((f) => /^triggers-.*\.test\.ts$/.test(f))) {
    for (const argument of toEqualArguments(readFileSync(join(dir, file), 'utf8'))) {
      if (!/\brequest\b/.test(argument) || !/\bresponse\b/.test(argument)) continue
      for (const [, source] of argument.matchAll(/triggerSource: '(\w+)'/g)) asserted.add(source!)
    }
  }
  return asserted
}

describe('trigger sources', () => {
  it('emits only sources AWS documents, and every one of them that applies without a hosted UI', () => {
    expect([...TRIGGER_SOURCES].sort()).toEqual(AWS_SOURCES.filter((s) => !NOT_EMULATED.includes(s)).sort())
  })

  it('has a test asserting the full event of every source the emulator emits', () => {
    const asserted = sourcesAssertedInFull()
    expect(TRIGGER_SOURCES.filter((source) => !asserted.has(source))).toEqual([])
  })
})
