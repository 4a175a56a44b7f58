import { execFile, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { createRemoteJWKSet, jwtVerify } from 'jose'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { type CognitoServer, startServer } from '../../src/server/index.ts'

const run = promisify(execFile)

/** The address the README's examples use; tests swap in the ephemeral server's URL. */
export const README_URL = 'http://127.0.0.1:4566'

/** Starts the standalone server on a free port for the current test file, emptied after each test. */
export function useStandaloneServer(): { readonly url: string; readonly server: CognitoServer } {
  let server: CognitoServer | undefined
  beforeAll(async () => {
    server = await startServer({ port: 0 })
  })
  afterEach(() => server?.cognito.reset())
  afterAll(() => server?.close())
  return {
    get url() {
      return server!.url
    },
    get server() {
      return server!
    },
  }
}

/** Environment for external clients: dummy credentials, no pager, no profile from the machine. */
export const clientEnv: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_PAGER: '',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  AWS_EC2_METADATA_DISABLED: 'true',
}

/** Runs a command asynchronously (the server lives in this process, so it must not be blocked). */
export async function exec(file: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  return run(file, args, { env: { ...clientEnv, ...env }, timeout: 60_000, maxBuffer: 10 * 1024 * 1024 })
}

/** Runs a README example with bash, pointed at `url` instead of port 4566. */
export async function runExample(name: string, url: string, replacements: Record<string, string> = {}) {
  let script = readExample(name).replaceAll(README_URL, url)
  for (const [from, to] of Object.entries(replacements)) script = script.replaceAll(from, to)
  return exec('/bin/bash', ['-c', `set -euo pipefail\n${script}`])
}

export const readExample = (name: string): string =>
  readFileSync(new URL(`./readme-examples/${name}`, import.meta.url), 'utf8')

/**
 * `describe` for a suite that needs an external tool: in CI (`CI=true`) it always runs and fails when the tool is
 * missing; elsewhere it is skipped with a notice.
 */
export function describeWithTool(tool: string, available: () => boolean, name: string, fn: () => void) {
  const present = available()
  if (!present && process.env.CI !== 'true') {
    console.warn(`Skipping "${name}": ${tool} is not installed (it is required when CI=true).`)
    describe.skip(name, fn)
    return
  }
  describe(name, () => {
    it(`has ${tool} installed`, () => {
      expect(present, `${tool} must be installed in CI`).toBe(true)
    })
    fn()
  })
}

/** Whether a command exits 0 (checked once, synchronously, before any server starts). */
export const succeeds = (file: string, args: string[]): boolean => {
  try {
    return spawnSync(file, args, { stdio: 'ignore', timeout: 20_000 }).status === 0
  } catch {
    return false
  }
}

/** Verifies a token against the pool's JWKS as served by the standalone server. */
export async function verifyWithServerJwks(token: string, url: string, poolId: string) {
  const jwks = createRemoteJWKSet(new URL(`${url}/${poolId}/.well-known/jwks.json`))
  const { payload } = await jwtVerify(token, jwks, {
    issuer: `https://cognito-idp.us-east-1.amazonaws.com/${poolId}`,
  })
  return payload
}
