import type { ChildProcess } from 'node:child_process'
import { execFile } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Browser } from 'playwright'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeWithTool, succeeds } from '../interop/support.ts'
import { launchChromium, startCli, stop } from './support.ts'

const run = promisify(execFile)

/** boto3 signs in the seeded alice and signs dan up (which sends a code to the outbox). */
const BOTO3 = `
import json, os, boto3
client = boto3.client('cognito-idp', endpoint_url=os.environ['COGNITO_ENDPOINT'], region_name='us-east-1',
                      aws_access_key_id='test', aws_secret_access_key='test')
auth = client.initiate_auth(ClientId='exampleclient0000000000000', AuthFlow='USER_PASSWORD_AUTH',
                            AuthParameters={'USERNAME': 'alice@example.com', 'PASSWORD': 'Correct-Horse-42'})
signup = client.sign_up(ClientId='exampleclient0000000000000', Username='dan@example.com', Password='Correct-Horse-42')
print(json.dumps({'TokenType': auth['AuthenticationResult']['TokenType'], 'Destination': signup['CodeDeliveryDetails']['Destination']}))
`

let server: { url: string; process: ChildProcess } | undefined
let browser: Browser | undefined
describeWithTool(
  'python3-boto3',
  () => succeeds('/usr/bin/python3', ['-c', 'import boto3']),
  'cognito-msw --seed and the inbox page',
  () => {
    beforeAll(async () => {
      ;[server, browser] = await Promise.all([startCli(['--seed', 'examples/seed.yaml']), launchChromium()])
    })
    afterAll(async () => {
      await browser?.close()
      await stop(server?.process)
    })

    it('signs in a seeded user with boto3 and shows the users and the outbox at /_cognito/', async () => {
      const { stdout } = await run('/usr/bin/python3', ['-c', BOTO3], {
        env: { PATH: process.env.PATH, COGNITO_ENDPOINT: server!.url, AWS_EC2_METADATA_DISABLED: 'true' },
      })
      expect(JSON.parse(stdout)).toEqual({ TokenType: 'Bearer', Destination: 'd***@e***' })

      const state = await (await fetch(`${server!.url}/_cognito/state`)).json()
      expect(state.pools[0]).toMatchObject({
        id: 'us-east-1_Example01',
        clients: [{ id: 'exampleclient0000000000000', name: 'web' }],
      })
      const outbox = await (await fetch(`${server!.url}/_cognito/outbox`)).json()
      const code: string = outbox.at(-1).code
      expect(code).toMatch(/^\d{6}$/)

      const page = await browser!.newPage({ viewport: { width: 1100, height: 700 } })
      await page.goto(`${server!.url}/_cognito/`)
      const alice = page.locator('tr.user', { hasText: 'alice@example.com' })
      await expect.poll(() => alice.textContent()).toContain('CONFIRMED')
      expect(await alice.textContent()).toContain('admins')
      const carol = page.locator('tr.user', { hasText: 'carol@example.com' })
      expect(await carol.textContent()).toContain('SOFTWARE_TOKEN_MFA (preferred)')
      const dan = page.locator('tr.user', { hasText: 'dan@example.com' })
      expect(await dan.textContent()).toContain('UNCONFIRMED')
      const message = page.locator('#outbox tr.message', { hasText: 'dan@example.com' })
      expect(await message.locator('.code').textContent()).toBe(code)
      expect(await message.textContent()).toContain('SignUp')
      await page.screenshot({ path: join(tmpdir(), 'cognito-msw-inbox.png'), fullPage: true })

      // The page polls: a new message shows up without a reload.
      await run('/usr/bin/python3', ['-c', BOTO3.replace('dan@', 'erin@')], {
        env: { PATH: process.env.PATH, COGNITO_ENDPOINT: server!.url, AWS_EC2_METADATA_DISABLED: 'true' },
      })
      await expect
        .poll(() => page.locator('#outbox tr.message', { hasText: 'erin@example.com' }).count(), {
          timeout: 5000,
        })
        .toBe(1)
    })
  },
)
