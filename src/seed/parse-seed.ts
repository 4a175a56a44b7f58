import type { CognitoSeed } from './seed-types.ts'

/**
 * Parses a seed written as JSON. `source` names where it came from in the error (a file name, say).
 *
 * @example
 * ```ts
 * const seed = parseSeed(await (await fetch('/seed.json')).text(), 'seed.json')
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export function parseSeed(text: string, source = 'the seed'): CognitoSeed {
  try {
    return JSON.parse(text) as CognitoSeed
  } catch (error) {
    throw new Error(`Failed to seed Cognito mock: ${source} is not JSON (${(error as Error).message}).`)
  }
}
