import { readFile } from 'node:fs/promises'
import type { CognitoSeed } from '../seed/seed-types.ts'

/**
 * Reads a seed file for `cognito-msw --seed <file>`: YAML for `.yaml` / `.yml`, JSON otherwise.
 *
 * @example
 * ```ts
 * const server = await startServer({ cognito: { seed: await readSeedFile('seed.yaml') } })
 * ```
 */
export async function readSeedFile(path: string): Promise<CognitoSeed> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new Error(`Failed to seed Cognito mock: cannot read ${path} (${(error as Error).message}).`)
  }
  try {
    if (/\.ya?ml$/i.test(path)) {
      const { parse } = await import('yaml')
      return parse(text) as CognitoSeed
    }
    return JSON.parse(text) as CognitoSeed
  } catch (error) {
    const kind = /\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'
    throw new Error(`Failed to seed Cognito mock: ${path} is not ${kind} (${(error as Error).message}).`)
  }
}
