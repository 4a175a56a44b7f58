/**
 * Run by bench/run.ts in its own process with `--expose-gc` (`retention.ts <calls>`), printing one JSON line: the
 * heap each API call leaves behind after a full garbage collection, through MSW's `setupServer` in this process,
 * once for the SDK v3 (node:http) and once for `fetch` (undici, as Amplify v6 and amazon-cognito-identity-js use).
 * The calls are ListUserPools, which changes no state, so whatever stays is the transport's. Each is measured over
 * `calls` calls after as many again: through fetch the heap first rises by about 50 MB over some 1,500 calls and
 * then stays there, which is not a cost per call.
 */
import {
  CognitoIdentityProviderClient,
  ListUserPoolsCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { setupServer } from 'msw/node'
import { createCognito } from '../src/index.ts'

const CALLS = Number(process.argv[2] ?? 2000)
const gc = (globalThis as { gc?: () => void }).gc
if (!gc) throw new Error('bench/retention.ts needs node --expose-gc')

const server = setupServer(...createCognito().handlers)
server.listen({ onUnhandledFrame: 'error' })

/**
 * heapUsed after everything collectable is collected: a full GC, then a turn of the event loop for the finalizers
 * that undici registers per Request (they hold each request's AbortSignal until they run), then another GC.
 */
async function settledHeap(): Promise<number> {
  gc!()
  await new Promise((resolve) => setTimeout(resolve, 20))
  gc!()
  return process.memoryUsage().heapUsed
}

/** Heap kept per call: `call` CALLS times, after as many calls untimed. */
async function keptPerCall(call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < CALLS; i++) await call()
  const before = await settledHeap()
  for (let i = 0; i < CALLS; i++) await call()
  return ((await settledHeap()) - before) / CALLS
}

const client = new CognitoIdentityProviderClient({
  region: 'us-east-1',
  endpoint: 'http://localhost:4566',
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 1,
})
const input = { MaxResults: 10 }
const sdkBytes = await keptPerCall(() => client.send(new ListUserPoolsCommand(input)))
client.destroy()

const fetchBytes = await keptPerCall(async () => {
  const response = await fetch('http://localhost:4566/', {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AWSCognitoIdentityProviderService.ListUserPools',
    },
    body: JSON.stringify(input),
  })
  if (response.status !== 200) throw new Error(`ListUserPools: ${await response.text()}`)
  await response.text()
})
server.close()
console.log(JSON.stringify({ calls: CALLS, sdkBytes, fetchBytes }))
