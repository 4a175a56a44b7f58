/**
 * A lean AWS JSON 1.1 client for comparing servers: node:http with a keep-alive Agent, each body serialized once,
 * and the request the SDK v3 would send (POST /, `X-Amz-Target`, `Content-Type: application/x-amz-json-1.1`, an
 * `Authorization` header of the SDK's shape, which neither server checks). What it costs per call is a small,
 * fixed share of the time, the same for every server, so a ratio between two servers measures the servers.
 */
import { Agent, request } from 'node:http'
import type { Backend } from './targets.ts'
import type { Operation, Output, Send } from './workload.ts'

/** A SigV4-shaped header, fixed: the servers under test do not verify signatures. */
const AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/cognito-idp/aws4_request, ' +
  'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=' +
  '0'.repeat(64)

/** Calls `url` with at most `sockets` connections kept open. */
export function leanHttp(url: string, sockets: number): Backend {
  const { hostname, port } = new URL(url)
  const agent = new Agent({ keepAlive: true, maxSockets: sockets })
  const send: Send = (operation: Operation, input: Record<string, unknown>) =>
    new Promise<Output>((resolve, reject) => {
      const body = JSON.stringify(input)
      const req = request(
        {
          agent,
          hostname,
          port,
          method: 'POST',
          path: '/',
          headers: {
            'content-type': 'application/x-amz-json-1.1',
            'content-length': Buffer.byteLength(body),
            'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
            'x-amz-date': '20260101T000000Z',
            authorization: AUTHORIZATION,
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            if (res.statusCode !== 200) {
              reject(new Error(`${operation}: HTTP ${res.statusCode} ${text.slice(0, 300)}`))
              return
            }
            try {
              resolve(JSON.parse(text) as Output)
            } catch (error) {
              reject(error)
            }
          })
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  return { send, stop: async () => agent.destroy() }
}
