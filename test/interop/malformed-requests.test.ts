import { type ChildProcess, spawn } from 'node:child_process'
import { connect } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const CLI = new URL('../../src/server/cli.ts', import.meta.url).pathname
let child: ChildProcess
let port = 0
let stderr = ''

beforeAll(async () => {
  child = spawn(process.execPath, [CLI, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  child.stderr!.on('data', (chunk) => {
    stderr += chunk
  })
  port = await new Promise<number>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk) => {
      output += chunk
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output)
      if (match) resolve(Number(match[1]))
    })
    child.on('exit', (code) => reject(new Error(`cognito-msw exited with ${code}: ${output}${stderr}`)))
  })
})
afterAll(() => {
  child.kill('SIGKILL')
})

/** A tiny deterministic PRNG, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

/**
 * Sends raw bytes on a new connection and resolves with the status of whatever HTTP answer comes back (`0` when
 * the server just closes the connection, which it may do with bytes that are not HTTP).
 */
function raw(bytes: Buffer | string, endAfterWrite = true): Promise<number> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1')
    })
    const done = () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0))
    socket.on('close', done)
    socket.on('error', () => socket.destroy())
    socket.setTimeout(5000, () => socket.destroy())
    socket.write(bytes, () => {
      if (endAfterWrite) socket.end()
    })
  })
}

function post(
  target: string | undefined,
  body: Buffer | string,
  headers: Record<string, string> = {},
): string {
  const length = Buffer.byteLength(body)
  const lines = [
    'POST / HTTP/1.1',
    'Host: 127.0.0.1',
    'Content-Type: application/x-amz-json-1.1',
    ...(target === undefined ? [] : [`X-Amz-Target: ${target}`]),
    `Content-Length: ${headers['content-length'] ?? length}`,
    'Connection: close',
    ...Object.entries(headers)
      .filter(([name]) => name !== 'content-length')
      .map(([name, value]) => `${name}: ${value}`),
  ]
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

const OPS = ['CreateUserPool', 'AdminCreateUser', 'InitiateAuth', 'ListUsers', 'SignUp', 'GetUser', 'Nope']
const VALID = JSON.stringify({ UserPoolId: 'us-east-1_AbCdEf123', Username: 'alice', ClientId: 'abc' })

/** One malformed request of kind `i % 10`, with random parts from `rand`. */
function malformed(i: number, rand: () => number): { bytes: Buffer | string; end?: boolean } {
  const pick = <T>(items: T[]): T => items[Math.floor(rand() * items.length)]!
  const target = `AWSCognitoIdentityProviderService.${pick(OPS)}`
  const garbage = Buffer.from(
    Array.from({ length: 1 + Math.floor(rand() * 2000) }, () => Math.floor(rand() * 256)),
  )
  switch (i % 10) {
    case 0: // garbage body
      return {
        bytes: Buffer.concat([
          Buffer.from(post(target, '', { 'content-length': String(garbage.length) })),
          garbage,
        ]),
      }
    case 1: // truncated JSON
      return { bytes: post(target, VALID.slice(0, Math.floor(rand() * VALID.length))) }
    case 2: // a target that is not one
      return {
        bytes: post(
          pick(['', 'x', 'AWSCognitoIdentityProviderService.', 'Cognito.ListUsers', 'ü'.repeat(50)]),
          '{}',
        ),
      }
    case 3: // no target at all
      return { bytes: post(undefined, VALID) }
    case 4: // huge headers
      return { bytes: post(target, '{}', { 'x-padding': 'a'.repeat(20_000 + Math.floor(rand() * 50_000)) }) }
    case 5: // not HTTP
      return { bytes: garbage }
    case 6: // JSON of the wrong shape, deeply nested
      return {
        bytes: post(
          target,
          pick([
            '[]',
            'null',
            '42',
            '"text"',
            `{"UserPoolId": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
            `{"Username": {"__proto__": {"admin": true}}, "UserPoolId": "us-east-1_AbCdEf123"}`,
          ]),
        ),
      }
    case 7: // a body larger than the limit announced, then the connection dropped
      return { bytes: post(target, '{"a":', { 'content-length': '5000000' }) }
    case 8: // a body shorter than announced, then the connection closed
      return { bytes: post(target, '{"UserPoolId":', { 'content-length': '400' }) }
    default: // wrong method and path
      return {
        bytes: `${pick(['GET', 'PUT', 'DELETE', 'PATCH', 'BREW'])} /${pick(['', 'x', '%zz', '..%2f..'])} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      }
  }
}

describe('the standalone server under malformed requests', () => {
  it('survives 1,000 malformed requests in a row, never answering 5xx, and then serves a valid one', async () => {
    const rand = random(20261126)
    const statuses: number[] = []
    for (let batch = 0; batch < 100; batch++) {
      const requests = Array.from({ length: 10 }, (_, j) => malformed(batch * 10 + j, rand))
      statuses.push(...(await Promise.all(requests.map(({ bytes, end }) => raw(bytes, end ?? true)))))
    }
    expect(statuses).toHaveLength(1000)
    expect(statuses.filter((status) => status >= 500)).toEqual([])
    expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(300)
    expect(statuses).toContain(413)
    expect(statuses).toContain(431)

    const res = await fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool',
      },
      body: JSON.stringify({ PoolName: 'still-here' }),
    })
    expect(res.status).toBe(200)
    expect((await res.json()).UserPool.Name).toBe('still-here')
    expect(child.exitCode).toBe(null)
    expect(stderr).toBe('')
  })
})
