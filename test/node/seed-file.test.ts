import { spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AdminGetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider'
import { describe, expect, it } from 'vitest'
import { readSeedFile } from '../../src/server/seed-file.ts'
import { startServer } from '../../src/server/start-server.ts'
import { sdkClient } from '../support/cognito.ts'

const root = new URL('../../', import.meta.url)
const dir = mkdtempSync(join(tmpdir(), 'cognito-seed-'))

describe('seed files', () => {
  it('reads YAML and serves the seeded pool, client and users from the standalone server', async () => {
    const seed = await readSeedFile(new URL('examples/seed.yaml', root).pathname)
    const server = await startServer({ port: 0, cognito: { seed } })
    try {
      const client = sdkClient(server.url)
      const { AuthenticationResult } = await client.send(
        new InitiateAuthCommand({
          ClientId: 'exampleclient0000000000000',
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice@example.com', PASSWORD: 'Correct-Horse-42' },
        }),
      )
      expect(AuthenticationResult?.TokenType).toBe('Bearer')
      const bob = await client.send(
        new AdminGetUserCommand({ UserPoolId: 'us-east-1_Example01', Username: 'bob@example.com' }),
      )
      expect(bob.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
    } finally {
      await server.close()
    }
  })

  it('reads JSON, and says which file is not JSON', async () => {
    const good = join(dir, 'seed.json')
    writeFileSync(good, JSON.stringify({ pools: [{ name: 'p' }] }))
    expect(await readSeedFile(good)).toEqual({ pools: [{ name: 'p' }] })
    const bad = join(dir, 'bad.json')
    writeFileSync(bad, '{ pools: ')
    await expect(readSeedFile(bad)).rejects.toThrow(`Failed to seed Cognito mock: ${bad} is not JSON (`)
  })

  it('makes `cognito-msw --seed` stop at start with the path of the bad entry', async () => {
    const file = join(dir, 'weak.yaml')
    writeFileSync(file, 'pools:\n  - name: p\n    users:\n      - username: a\n        password: weak\n')
    const cli = spawn(
      'node',
      ['--experimental-strip-types', '--no-warnings', 'src/server/cli.ts', '--port', '0', '--seed', file],
      {
        cwd: root.pathname,
      },
    )
    let stderr = ''
    cli.stderr.on('data', (chunk) => (stderr += chunk))
    const code = await new Promise((resolve) => cli.on('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toContain(
      'cognito-msw: Failed to seed Cognito mock: pools[0].users[0].password: Password did not conform with policy: Password not long enough',
    )
  })
})
