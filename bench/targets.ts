import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUsersCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { getResponse, HttpResponse, http, type RequestHandler } from 'msw'
import { setupServer } from 'msw/node'
import { apiHandlers } from '../src/handlers.ts'
import { createCognito } from '../src/index.ts'
import { startServer } from '../src/server/index.ts'
import { createTarget, type Operation, type Output, type Send, signInUser, workloadUser } from './workload.ts'

/** A way of running the emulator: how to call it, and how to stop it. */
export interface Backend {
  send: Send
  /** Where a server set-up listens, for a second client (bench/lean-http.ts). */
  url?: string
  stop(): Promise<void>
  /** Called before the backend is used after another one was (e.g. to turn MSW's interception on). */
  enter?(): void
  /** Called when another backend is about to be used. */
  leave?(): void
  /** Called before each user when entered backends take turns (untimed), e.g. to put its own handlers in place. */
  turn?(): void
}

const COMMANDS = {
  CreateUserPool: CreateUserPoolCommand,
  CreateUserPoolClient: CreateUserPoolClientCommand,
  AdminCreateUser: AdminCreateUserCommand,
  AdminSetUserPassword: AdminSetUserPasswordCommand,
  InitiateAuth: InitiateAuthCommand,
  RespondToAuthChallenge: RespondToAuthChallengeCommand,
  ListUsers: ListUsersCommand,
  AdminDeleteUser: AdminDeleteUserCommand,
}

type AnyCommand = Parameters<CognitoIdentityProviderClient['send']>[0]

/** Sends through the AWS SDK v3 at `endpoint`; `destroy` closes its sockets. */
export function sdk(endpoint: string): { send: Send; destroy: () => void } {
  const client = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  })
  const send: Send = (operation, input) => {
    const Command = COMMANDS[operation] as unknown as new (input: Record<string, unknown>) => AnyCommand
    return client.send(new Command(input)) as Promise<Output>
  }
  return { send, destroy: () => client.destroy() }
}

/** The handlers alone: a JSON request straight into `getResponse`, no SDK and no interception. */
export async function handlersOnly(): Promise<Backend> {
  const { handlers } = createCognito()
  const send: Send = async (operation: Operation, input) => {
    const request = new Request('http://localhost:4566/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
    })
    const response = await getResponse(handlers, request, { quiet: true })
    const body = await response!.json()
    if (response!.status !== 200) throw new Error(`${operation}: ${JSON.stringify(body)}`)
    return body
  }
  return { send, stop: async () => {} }
}

/** The SDK in this process, intercepted by MSW's setupServer. */
export async function mswInProcess(): Promise<Backend> {
  const server = setupServer(...createCognito().handlers)
  server.listen({ onUnhandledFrame: 'error' })
  const client = sdk('http://localhost:4566')
  return {
    send: client.send,
    stop: async () => {
      client.destroy()
      server.close()
    },
  }
}

/**
 * The ceiling's answers: for each operation of the workload, the body the emulator itself gave, recorded once
 * before measuring (a pool of 10 users, then one workload user). Replaying the same bytes makes the SDK parse
 * exactly what it parses from the emulator, so the ceiling measures the SDK v3 and MSW with no emulator behind them.
 */
async function recordAnswers(): Promise<Record<string, string>> {
  const { handlers } = createCognito()
  const answers: Record<string, string> = {}
  const call = async (operation: Operation, input: Record<string, unknown>): Promise<Output> => {
    const request = new Request('http://localhost:4566/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': `AWSCognitoIdentityProviderService.${operation}`,
      },
      body: JSON.stringify(input),
    })
    const text = await (await getResponse(handlers, request, { quiet: true }))!.text()
    answers[operation] = text
    return JSON.parse(text)
  }
  const target = await createTarget(call)
  for (let i = 0; i < 10; i++) await signInUser(call, target, `listed-${i}`)
  await workloadUser(call, target, 'recorded')
  return answers
}

const CEILING_URL = 'http://localhost:4567'
const OWN_CEILING_URL = 'http://localhost:4568'

/**
 * Both in-process set-ups on one MSW `setupServer`, so they can be measured in alternating rounds: the emulator's
 * handlers on http://localhost:4566 and, on http://localhost:4567, the ceiling: a trivial handler that answers
 * each operation with the same constant answer (the recorded body, and the headers every Cognito answer has).
 * Each set-up's turn has only its own handlers in place, as in a user's `setupServer(...cognito.handlers)`. With
 * one list for both, the emulator's calls also paid for MSW's check of the ceiling's handler in front of its own:
 * in four runs that took turns between the ceiling, the emulator alone and the emulator behind that handler, the
 * second was 0.006–0.022 × of the ceiling faster than the third, every time.
 */
export async function mswPair(): Promise<{
  emulator: Backend
  ceiling: Backend
  ownCeiling: Backend
  stop(): void
}> {
  const answers = await recordAnswers()
  // The headers of every Cognito answer too, with a constant request id: the SDK reads it into $metadata, and
  // MSW writes each header through Node's ServerResponse, so leaving one out would charge that work to (a). The
  // Content-Length lets the SDK's agent keep its connection, as with the emulator.
  const headers = (body: string) => ({
    'content-type': 'application/x-amz-json-1.1',
    'content-length': String(Buffer.byteLength(body)),
    'x-amzn-requestid': '3b4f5a1e-0d9c-4c7e-9a51-6f2b8e0c1d23',
  })
  const constant = new Map(Object.entries(answers).map(([operation, body]) => [operation, headers(body)]))
  const constantAnswer = (request: Request) => {
    const operation = request.headers.get('x-amz-target')?.split('.')[1] ?? ''
    const body = answers[operation] ?? '{}'
    return new HttpResponse(body, { headers: constant.get(operation) ?? headers(body) })
  }
  const ceilingHandler = http.post(`${CEILING_URL}/`, ({ request }) => constantAnswer(request))
  // The same constant through the emulator's own API handler, which skips MSW's generic steps for the API URLs
  // (src/handlers.ts): what (a) would be compared with if the ceiling were written that way.
  const ownCeilingHandlers = apiHandlers([OWN_CEILING_URL], async (request) => constantAnswer(request))
  // Interception is off while other set-ups run, so that their HTTP calls do not pass through MSW. A closed
  // setupServer cannot listen again, so each turn gets a new one (the emulator's state lives in its handlers).
  let server: ReturnType<typeof setupServer> | undefined
  let entered = 0
  const intercept = (on: boolean) => {
    entered += on ? 1 : -1
    if (on && !server) {
      server = setupServer()
      server.listen({ onUnhandledFrame: 'error' })
    }
    if (!entered && server) {
      server.close()
      server = undefined
    }
  }
  // The SDK's HTTP handler keeps the request function it first saw, so each turn gets a new client too.
  const backend = (endpoint: string, handlers: RequestHandler[]): Backend => {
    let client: ReturnType<typeof sdk> | undefined
    const turn = () => server!.resetHandlers(...handlers)
    return {
      send: (operation, input) => client!.send(operation, input),
      stop: async () => client?.destroy(),
      enter() {
        intercept(true)
        turn()
        client = sdk(endpoint)
      },
      leave() {
        if (!client) return
        client.destroy()
        client = undefined
        intercept(false)
      },
      turn,
    }
  }
  const emulator = backend('http://localhost:4566', createCognito().handlers)
  const ceiling = backend(CEILING_URL, [ceilingHandler])
  const ownCeiling = backend(OWN_CEILING_URL, ownCeilingHandlers)
  return {
    emulator,
    ceiling,
    ownCeiling,
    stop() {
      emulator.leave!()
      ceiling.leave!()
      ownCeiling.leave!()
    },
  }
}

/** The standalone server in this process, over real HTTP on loopback. */
export async function serverInProcess(): Promise<Backend> {
  const server = await startServer({ port: 0 })
  const client = sdk(server.url)
  return {
    send: client.send,
    stop: () => {
      client.destroy()
      return server.close()
    },
  }
}

/** The `cognito-msw` command in a child process, as users run it. */
export async function serverChildProcess(): Promise<Backend> {
  const cli = fileURLToPath(new URL('../src/server/cli.ts', import.meta.url))
  const child = spawn(process.execPath, [cli, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    let output = ''
    child.stdout.on('data', (chunk) => {
      output += chunk
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) resolve(match[1]!)
    })
    child.on('exit', (code) => reject(new Error(`cognito-msw exited with ${code}: ${output}`)))
  })
  const client = sdk(url)
  return {
    send: client.send,
    url,
    stop: () => {
      client.destroy()
      return new Promise((resolve) => {
        child.on('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}
