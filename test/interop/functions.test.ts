import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { afterAll, describe, expect, it } from 'vitest'
import { sdkClient } from '../support/cognito.ts'

const CLI = new URL('../../src/server/cli.ts', import.meta.url).pathname
const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:pre-sign-up'
const children: ChildProcess[] = []
afterAll(() => {
  for (const child of children) child.kill()
})

function startCli(functionsFile: string): Promise<string> {
  const child = spawn(process.execPath, [CLI, '--port', '0', '--functions', functionsFile])
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    }
    child.stdout!.on('data', collect)
    child.stderr!.on('data', collect)
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
  })
}

describe('cognito-msw --functions', () => {
  it('runs the module’s functions as the triggers of pools that name their ARNs', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cognito-msw-functions-'))
    const file = join(dir, 'functions.mjs')
    writeFileSync(
      file,
      `export default {
  '${ARN}': async (event) => {
    if (event.request.userAttributes.email.endsWith('@blocked.test')) throw new Error('Blocked domain')
    event.response.autoConfirmUser = true
    return event
  },
}
`,
    )
    const sdk = sdkClient(await startCli(file))
    const { UserPool } = await sdk.send(
      new CreateUserPoolCommand({ PoolName: 'p', LambdaConfig: { PreSignUp: ARN } }),
    )
    const { UserPoolClient } = await sdk.send(
      new CreateUserPoolClientCommand({ UserPoolId: UserPool!.Id, ClientName: 'c' }),
    )
    const signUp = (email: string) =>
      sdk.send(
        new SignUpCommand({
          ClientId: UserPoolClient!.ClientId,
          Username: email.split('@')[0],
          Password: 'Correct-Horse-42',
          UserAttributes: [{ Name: 'email', Value: email }],
        }),
      )
    expect((await signUp('alice@example.com')).UserConfirmed).toBe(true)
    await expect(signUp('eve@blocked.test')).rejects.toMatchObject({
      name: 'UserLambdaValidationException',
      message: 'PreSignUp failed with error Blocked domain.',
    })
  })
})
