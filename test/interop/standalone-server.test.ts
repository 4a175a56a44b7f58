import { spawn } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider'
import { HttpResponse, http } from 'msw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createCognito } from '../../src/index.ts'
import { startServer } from '../../src/server/index.ts'
import { sdkClient } from '../support/cognito.ts'
import { useStandaloneServer } from './support.ts'

const standalone = useStandaloneServer()
const JSON_11 = { 'content-type': 'application/x-amz-json-1.1' }
const target = (op: string) => ({ ...JSON_11, 'x-amz-target': `AWSCognitoIdentityProviderService.${op}` })

describe('the standalone server', () => {
  it('listens on an ephemeral port on 127.0.0.1 when asked for port 0', () => {
    expect(standalone.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(standalone.url).not.toBe('http://127.0.0.1:4566')
  })

  it('serves the Cognito API to the SDK v3 at its url', async () => {
    const res = await sdkClient(standalone.url).send(new CreateUserPoolCommand({ PoolName: 'p' }))
    expect(res.UserPool?.Id).toMatch(/^us-east-1_[0-9a-zA-Z]{9}$/)
    expect(Object.keys(standalone.server.cognito.snapshot().pools)).toEqual([res.UserPool?.Id])
  })

  it('answers with AWS headers and AWS-shaped errors', async () => {
    const res = await fetch(standalone.url, {
      method: 'POST',
      headers: target('CreateUserPoolClient'),
      body: JSON.stringify({ UserPoolId: 'us-east-1_AbCdEf123', ClientName: 'c' }),
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(res.headers.get('x-amzn-errortype')).toBe('ResourceNotFoundException')
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(await res.json()).toEqual({
      __type: 'ResourceNotFoundException',
      message: 'User pool us-east-1_AbCdEf123 does not exist.',
    })
  })

  it('delimits each API answer with Content-Length, as Cognito does, not with chunks', async () => {
    const body = JSON.stringify({ PoolName: 'p', EmailVerificationMessage: 'Café ✓ 😀 {####}' })
    const answer = await new Promise<{ headers: Record<string, unknown>; bytes: Buffer }>(
      (resolve, reject) => {
        const req = httpRequest(
          standalone.url,
          { method: 'POST', headers: target('CreateUserPool') },
          (res) => {
            const chunks: Buffer[] = []
            res.on('data', (chunk: Buffer) => chunks.push(chunk))
            res.on('end', () => resolve({ headers: res.headers, bytes: Buffer.concat(chunks) }))
          },
        )
        req.on('error', reject)
        req.end(body)
      },
    )
    expect(answer.headers['transfer-encoding']).toBeUndefined()
    expect(answer.headers['content-length']).toBe(String(answer.bytes.length))
    expect(JSON.parse(answer.bytes.toString()).UserPool.EmailVerificationMessage).toBe('Café ✓ 😀 {####}')
  })

  it('ignores the Authorization header', async () => {
    const res = await fetch(standalone.url, {
      method: 'POST',
      headers: { ...target('CreateUserPool'), authorization: 'AWS4-HMAC-SHA256 Credential=nonsense' },
      body: JSON.stringify({ PoolName: 'p' }),
    })
    expect(res.status).toBe(200)
  })

  it('does not depend on the Host header the client sends', async () => {
    const { status, body } = await rawRequest(standalone.url, {
      method: 'POST',
      headers: { ...target('CreateUserPool'), host: 'cognito.example.com:8080' },
      body: JSON.stringify({ PoolName: 'p' }),
    })
    expect(status).toBe(200)
    expect(JSON.parse(body).UserPool.Name).toBe('p')
  })

  it("serves each pool's JWKS and OpenID configuration under its url", async () => {
    const { UserPool } = await sdkClient(standalone.url).send(new CreateUserPoolCommand({ PoolName: 'p' }))
    const jwks = await fetch(`${standalone.url}/${UserPool?.Id}/.well-known/jwks.json`)
    expect(jwks.status).toBe(200)
    expect(await jwks.json()).toEqual({ keys: expect.any(Array) })
    const config = await fetch(`${standalone.url}/${UserPool?.Id}/.well-known/openid-configuration`)
    expect(await config.json()).toMatchObject({
      issuer: `https://cognito-idp.us-east-1.amazonaws.com/${UserPool?.Id}`,
    })
  })

  it('empties the state on POST /_cognito/reset', async () => {
    await sdkClient(standalone.url).send(new CreateUserPoolCommand({ PoolName: 'p' }))
    const res = await fetch(`${standalone.url}/_cognito/reset`, { method: 'POST' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({})
    expect(standalone.server.cognito.snapshot().pools).toEqual({})
  })

  it('lists the messages Cognito would have sent on GET /_cognito/outbox', async () => {
    expect(await (await fetch(`${standalone.url}/_cognito/outbox`)).json()).toEqual([])
    const message = {
      userPoolId: 'us-east-1_AbCdEf123',
      username: 'alice',
      deliveryMedium: 'EMAIL' as const,
      destination: 'alice@example.com',
      reason: 'SignUp',
      code: '123456',
      message: 'Your confirmation code is 123456',
      sentAt: 1_700_000_000_000,
    }
    standalone.server.cognito.restore({ ...standalone.server.cognito.snapshot(), outbox: [message] })
    expect(await (await fetch(`${standalone.url}/_cognito/outbox`)).json()).toEqual([message])
  })

  it('answers a CORS preflight for the headers the SDK and Amplify send', async () => {
    const res = await fetch(standalone.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-amz-target,x-amz-user-agent,amz-sdk-invocation-id',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-allow-methods')).toContain('POST')
    const allowed = res.headers.get('access-control-allow-headers')?.split(', ')
    expect(allowed).toEqual(
      expect.arrayContaining([
        'content-type',
        'x-amz-target',
        'x-amz-user-agent',
        'amz-sdk-invocation-id',
        'amz-sdk-request',
        'authorization',
        'x-amz-date',
        'x-amz-security-token',
        'cache-control',
      ]),
    )
  })

  it('puts CORS headers on every answer, errors included', async () => {
    const res = await fetch(standalone.url, { method: 'POST', headers: target('Nope'), body: '{}' })
    expect(res.status).toBe(400)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect(res.headers.get('access-control-expose-headers')).toBe('x-amzn-requestid, x-amzn-errortype')
  })

  it('answers an unknown route with 404 JSON', async () => {
    const res = await fetch(`${standalone.url}/nope`)
    expect(res.status).toBe(404)
    expect(res.headers.get('access-control-allow-origin')).toBe('*')
    expect((await res.json()).message).toMatch(/^No route for GET \/nope\. This server answers POST \//)
  })

  it('refuses a body over 1 MiB with 413 JSON', async () => {
    const res = await fetch(standalone.url, {
      method: 'POST',
      headers: target('CreateUserPool'),
      body: JSON.stringify({ PoolName: 'x'.repeat(1024 * 1024) }),
    })
    expect(res.status).toBe(413)
    expect(await res.json()).toEqual({ message: 'Request body is too large: the limit is 1048576 bytes.' })
    expect(standalone.server.cognito.snapshot().pools).toEqual({})
  })
})

describe('startServer', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('creates the emulator from options', async () => {
    const server = await startServer({ port: 0, cognito: { region: 'eu-west-1' } })
    try {
      const res = await sdkClient(server.url, 'eu-west-1').send(new CreateUserPoolCommand({ PoolName: 'p' }))
      expect(res.UserPool?.Id).toMatch(/^eu-west-1_/)
    } finally {
      await server.close()
    }
  })

  it('serves an emulator created elsewhere, whatever its endpoint', async () => {
    const cognito = createCognito({ endpoint: 'http://localhost:9999' })
    const server = await startServer({ port: 0, cognito })
    try {
      const res = await sdkClient(server.url).send(new CreateUserPoolCommand({ PoolName: 'p' }))
      expect(Object.keys(cognito.snapshot().pools)).toEqual([res.UserPool?.Id])
      expect(server.cognito).toBe(cognito)
    } finally {
      await server.close()
    }
  })

  it('answers a crashing handler with 500 JSON instead of dropping the connection', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const crashing = http.post('*', () => {
      throw new Error('boom')
    })
    const cognito = { ...createCognito(), handlers: [crashing] }
    const server = await startServer({ port: 0, cognito })
    try {
      const res = await fetch(server.url, { method: 'POST', headers: target('CreateUserPool'), body: '{}' })
      expect(res.status).toBe(500)
      expect(await res.json()).toEqual({
        __type: 'InternalErrorException',
        message: 'cognito-msw failed to handle POST /: boom',
      })
    } finally {
      await server.close()
    }
  })

  it('streams handler responses back as they are', async () => {
    const teapot = http.get('*/tea', () => HttpResponse.text('short and stout', { status: 418 }))
    const server = await startServer({ port: 0, cognito: { ...createCognito(), handlers: [teapot] } })
    try {
      const res = await fetch(`${server.url}/tea`)
      expect(res.status).toBe(418)
      expect(await res.text()).toBe('short and stout')
    } finally {
      await server.close()
    }
  })

  it('says which port is in use when it cannot listen', async () => {
    const port = Number(new URL(standalone.url).port)
    await expect(startServer({ port })).rejects.toThrow(
      `Failed to start the Cognito server: port ${port} on 127.0.0.1 is already in use. ` +
        'Stop the process using it or choose another "port".',
    )
  })

  it('rejects a port that is not a port', async () => {
    await expect(startServer({ port: 70000 })).rejects.toThrow(
      'Failed to start the Cognito server: "port" must be an integer from 0 to 65535, got 70000.',
    )
  })
})

describe('the cognito-msw command', () => {
  const CLI = new URL('../../src/server/cli.ts', import.meta.url).pathname

  it('prints its url, serves, and exits cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [CLI, '--port', '0', '--region', 'eu-central-1'])
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/\S+)/.exec(output)
        if (match) resolve(match[1]!)
      })
      child.on('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
    })
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await sdkClient(url, 'eu-central-1').send(new CreateUserPoolCommand({ PoolName: 'p' }))
    expect(res.UserPool?.Id).toMatch(/^eu-central-1_/)
    const exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
    child.kill('SIGTERM')
    expect(await exit).toEqual({ code: 0, signal: null })
  })

  it('prints its options with --help', async () => {
    const child = spawn(process.execPath, [CLI, '--help'])
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
    expect(output).toContain('Usage: cognito-msw [options]')
    expect(output).toContain('--port <number>')
  })
})

function rawRequest(
  url: string,
  options: { method: string; headers: Record<string, string>; body: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: options.method, headers: options.headers }, (res) => {
      let body = ''
      res.on('data', (chunk) => (body += chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end(options.body)
  })
}
