import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  GetUserCommand,
  InitiateAuthCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { startServer } from '../../src/server/index.ts'
import { createStateFile } from '../../src/server/state-file.ts'
import { sdkClient } from '../support/cognito.ts'
import { verifyWithServerJwks } from './support.ts'

const CLI = new URL('../../src/server/cli.ts', import.meta.url).pathname
const dirs: string[] = []
const children: ChildProcess[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-msw-state-'))
  dirs.push(dir)
  return dir
}

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL')
})
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

/** Starts `cognito-msw --state <file>` on a free port and resolves with its URL once it listens. */
function startCli(stateFile: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--state', stateFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  return new Promise((resolve, reject) => {
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve({ url: match[1]!, child })
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    child.on('exit', (code) => reject(new Error(`cognito-msw exited with ${code}: ${output}`)))
  })
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.on('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

const PASSWORD = 'Correct-Horse-42'

async function poolWithSignedInUser(url: string) {
  const client = sdkClient(url)
  const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'durable' }))
  const UserPoolId = UserPool!.Id!
  const { UserPoolClient } = await client.send(
    new CreateUserPoolClientCommand({
      UserPoolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'],
    }),
  )
  const ClientId = UserPoolClient!.ClientId!
  await client.send(new AdminCreateUserCommand({ UserPoolId, Username: 'alice', MessageAction: 'SUPPRESS' }))
  await client.send(
    new AdminSetUserPasswordCommand({ UserPoolId, Username: 'alice', Password: PASSWORD, Permanent: true }),
  )
  const { AuthenticationResult } = await client.send(
    new InitiateAuthCommand({
      ClientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    }),
  )
  client.destroy()
  return { UserPoolId, ClientId, accessToken: AuthenticationResult!.AccessToken! }
}

/** AdminCreateUser over plain HTTP (the SDK would queue on its socket pool): resolves true once answered 200. */
async function createUser(url: string, UserPoolId: string, Username: string): Promise<boolean> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.AdminCreateUser',
      },
      body: JSON.stringify({ UserPoolId, Username, MessageAction: 'SUPPRESS' }),
    })
    return res.status === 200
  } catch {
    return false
  }
}

async function allUsernames(url: string, UserPoolId: string): Promise<Set<string>> {
  const client = sdkClient(url)
  const names = new Set<string>()
  let PaginationToken: string | undefined
  do {
    const page = await client.send(new ListUsersCommand({ UserPoolId, PaginationToken, Limit: 60 }))
    for (const user of page.Users ?? []) names.add(user.Username!)
    PaginationToken = page.PaginationToken
  } while (PaginationToken)
  client.destroy()
  return names
}

describe('cognito-msw --state <file>', () => {
  it('keeps every acknowledged write when killed with SIGKILL in the middle of a burst', async () => {
    const file = join(tempDir(), 'state.json')
    const first = await startCli(file)
    const { UserPoolId } = await poolWithSignedInUser(first.url)

    // Eight writers keep requests in flight until the server dies, so the kill always lands mid-burst.
    const acknowledged: string[] = []
    let next = 0
    let refused = 0
    const writer = async () => {
      while (next < 5000) {
        const name = `user-${next++}`
        if (!(await createUser(first.url, UserPoolId, name))) {
          refused++
          return
        }
        acknowledged.push(name)
        if (acknowledged.length === 60) first.child.kill('SIGKILL')
      }
    }
    await Promise.all(Array.from({ length: 8 }, writer))
    await killed(first.child)
    expect(acknowledged.length).toBeGreaterThanOrEqual(60)
    expect(refused).toBe(8)

    const saved = JSON.parse(readFileSync(file, 'utf8'))
    expect(saved.version).toBe(1)
    const second = await startCli(file)
    const names = await allUsernames(second.url, UserPoolId)
    expect(names.has('alice')).toBe(true)
    expect(acknowledged.filter((name) => !names.has(name))).toEqual([])
  })

  it('keeps tokens issued before a restart valid after it, signed with the same keys', async () => {
    const file = join(tempDir(), 'state.json')
    const first = await startCli(file)
    const { UserPoolId, accessToken } = await poolWithSignedInUser(first.url)
    const before = await (await fetch(`${first.url}/${UserPoolId}/.well-known/jwks.json`)).json()
    await killed(first.child)

    const second = await startCli(file)
    const client = sdkClient(second.url)
    const user = await client.send(new GetUserCommand({ AccessToken: accessToken }))
    expect(user.Username).toBe('alice')
    expect(await (await fetch(`${second.url}/${UserPoolId}/.well-known/jwks.json`)).json()).toEqual(before)
    const claims = await verifyWithServerJwks(accessToken, second.url, UserPoolId)
    expect(claims.username).toBe('alice')
    client.destroy()
  })

  it('starts empty when the file does not exist yet, and creates it', async () => {
    const file = join(tempDir(), 'new.json')
    const { url, child } = await startCli(file)
    expect(await (await fetch(`${url}/_cognito/outbox`)).json()).toEqual([])
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ version: 1, pools: {}, outbox: [] })
    await killed(child)
  })

  it('refuses to start on a file that is not a saved state, and leaves it alone', async () => {
    const file = join(tempDir(), 'broken.json')
    writeFileSync(file, '{"version": 1, "pools": ')
    await expect(startCli(file)).rejects.toThrow(
      /the state file .*broken\.json is not JSON .*Delete it to start empty/,
    )
    expect(readFileSync(file, 'utf8')).toBe('{"version": 1, "pools": ')
  })
})

describe('startServer({ stateFile })', () => {
  it('saves a change before answering it, and a reset too', async () => {
    const file = join(tempDir(), 'state.json')
    const server = await startServer({ port: 0, stateFile: file })
    try {
      const client = sdkClient(server.url)
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'saved' }))
      expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).pools)).toEqual([UserPool!.Id])
      await client.send(new AdminCreateUserCommand({ UserPoolId: UserPool!.Id, Username: 'bob' }))
      expect(JSON.parse(readFileSync(file, 'utf8')).pools[UserPool!.Id!].users.bob.username).toBe('bob')
      await fetch(`${server.url}/_cognito/reset`, { method: 'POST' })
      expect(JSON.parse(readFileSync(file, 'utf8')).pools).toEqual({})
      client.destroy()
    } finally {
      await server.close()
    }
  })

  it('loads the saved state at start', async () => {
    const file = join(tempDir(), 'state.json')
    const first = await startServer({ port: 0, stateFile: file })
    const { UserPool } = await sdkClient(first.url).send(new CreateUserPoolCommand({ PoolName: 'kept' }))
    await sdkClient(first.url).send(
      new AdminCreateUserCommand({ UserPoolId: UserPool!.Id, Username: 'carol' }),
    )
    await first.close()
    const second = await startServer({ port: 0, stateFile: file })
    try {
      const user = await sdkClient(second.url).send(
        new AdminGetUserCommand({ UserPoolId: UserPool!.Id, Username: 'carol' }),
      )
      expect(user.UserStatus).toBe('FORCE_CHANGE_PASSWORD')
    } finally {
      await second.close()
    }
  })

  it('leaves no temporary files behind', async () => {
    const dir = tempDir()
    const server = await startServer({ port: 0, stateFile: join(dir, 'state.json') })
    const client = sdkClient(server.url)
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => client.send(new CreateUserPoolCommand({ PoolName: `p${i}` }))),
    )
    await server.close()
    expect(readdirSync(dir)).toEqual(['state.json'])
  })

  it('does not write for read-only operations', async () => {
    const file = join(tempDir(), 'state.json')
    const server = await startServer({ port: 0, stateFile: file })
    try {
      const client = sdkClient(server.url)
      await client.send(new CreateUserPoolCommand({ PoolName: 'p' }))
      writeFileSync(file, 'untouched')
      const { UserPool } = await client.send(new CreateUserPoolCommand({ PoolName: 'q' }))
      expect(readFileSync(file, 'utf8')).not.toBe('untouched')
      writeFileSync(file, 'untouched')
      await client.send(new ListUsersCommand({ UserPoolId: UserPool!.Id }))
      expect(readFileSync(file, 'utf8')).toBe('untouched')
    } finally {
      await server.close()
    }
  })

  it('refuses a state file together with an emulator made elsewhere', async () => {
    const { createCognito } = await import('../../src/index.ts')
    await expect(
      startServer({ port: 0, cognito: createCognito(), stateFile: '/tmp/x.json' }),
    ).rejects.toThrow(
      'Failed to start the Cognito server: "stateFile" needs the options of a new emulator in "cognito", not an existing one.',
    )
  })
})

describe('the state file writer', () => {
  it('coalesces a burst of saves into a few writes, each taken after the changes it covers', async () => {
    const file = join(tempDir(), 'state.json')
    let version = 0
    let serialized = 0
    const stateFile = createStateFile(file, () => {
      serialized++
      return JSON.stringify({ version })
    })
    const saves = Array.from({ length: 1000 }, () => {
      version++
      return stateFile.save()
    })
    await Promise.all(saves)
    expect(serialized).toBeLessThanOrEqual(2)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1000 })
  })
})
