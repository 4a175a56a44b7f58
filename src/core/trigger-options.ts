import type { TriggerHandler, Triggers } from './triggers.ts'

const TRIGGER_KEYS = new Set([
  'preSignUp',
  'postConfirmation',
  'preAuthentication',
  'postAuthentication',
  'defineAuthChallenge',
  'createAuthChallenge',
  'verifyAuthChallengeResponse',
  'preTokenGeneration',
  'userMigration',
  'customMessage',
  'customEmailSender',
  'customSMSSender',
])

const fail = (why: string) => new Error(`Failed to create Cognito mock: ${why}`)

/** Checks `createCognito({ functions })`: a map of ARNs to functions. */
export function checkFunctions(
  functions: Record<string, TriggerHandler> | undefined,
): Record<string, TriggerHandler> {
  if (functions === undefined) return {}
  if (typeof functions !== 'object' || functions === null) {
    throw fail('"functions" must map Lambda ARNs to functions.')
  }
  for (const [arn, handler] of Object.entries(functions)) {
    if (typeof handler !== 'function') throw fail(`"functions['${arn}']" must be a function.`)
  }
  return { ...functions }
}

/** Checks `createCognito({ triggers })`: known trigger names, each a function. */
export function checkTriggers(triggers: Triggers | undefined): Triggers {
  if (triggers === undefined) return {}
  for (const [name, handler] of Object.entries(triggers)) {
    if (!TRIGGER_KEYS.has(name)) {
      throw fail(`"triggers.${name}" is not a trigger; use one of ${[...TRIGGER_KEYS].join(', ')}.`)
    }
    const fn = typeof handler === 'object' && handler !== null ? handler.handler : handler
    if (typeof fn !== 'function') throw fail(`"triggers.${name}" must be a function.`)
    if (typeof handler === 'object' && !['V1_0', 'V2_0', 'V3_0'].includes(handler.lambdaVersion)) {
      throw fail(`"triggers.${name}.lambdaVersion" must be V1_0, V2_0 or V3_0.`)
    }
  }
  return { ...triggers }
}
