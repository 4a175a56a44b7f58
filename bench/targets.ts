import { spawn } from 'node:child_process'
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { getResponse } from 'msw'
import { setupServer } from 'msw/node'
import { createCognito } from '../src/index.ts'
import { startServer } from '../src/server/index.ts'
import type { Operation, Output, Send } from './workload.ts'

/** A way of running the emulator: how to call it, and how to stop it. */
export interface Backend {
  send: Send
  stop(): Promise<void>
}

const COMMANDS = {
  CreateUserPool: CreateUserPoolCommand,
  CreateUserPoolClient: CreateUserPoolClientCommand,
  AdminCreateUser: AdminCreateUserCommand,
  AdminSetUserPassword: AdminSetUserPasswordCommand,
  InitiateAuth: InitiateAuthCommand,
}

type AnyCommand = Parameters<CognitoIdentityProviderClient['send']>[0]

/** Sends through the AWS SDK v3 at `endpoint`; `destroy` closes its sockets. */
function sdk(endpoint: string): { send: Send; destroy: () => void } {
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
  const cli = new URL('../src/server/cli.ts', import.meta.url).pathname
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
    stop: () => {
      client.destroy()
      return new Promise((resolve) => {
        child.on('exit', () => resolve())
        child.kill('SIGTERM')
      })
    },
  }
}
