import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getResponse } from 'msw'
import { createCognito } from '../create-cognito.ts'
import type { Cognito, CognitoOptions, Snapshot } from '../types.ts'
import { corsHeaders } from './cors.ts'
import { inboxResponse } from './inbox-page.ts'
import { BodyTooLargeError, readBody, sendJson, sendResponse, toRequest } from './node-http.ts'
import { createStateFile, readStateFile, type StateFile } from './state-file.ts'

/**
 * Options of `startServer`. Every one is optional.
 *
 * @example
 * ```ts
 * await startServer({ port: 0, stateFile: '.cognito/state.json', cognito: { region: 'eu-west-1' } })
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
export interface StartServerOptions {
  /** The port to listen on. Default `4566`; `0` picks a free one (read it from `url`). */
  port?: number
  /** The interface to listen on. Default `127.0.0.1`; `0.0.0.0` to be reachable from other machines. */
  host?: string
  /** The emulator to serve, or options for a new one. Default a new `createCognito()`. */
  cognito?: Cognito | CognitoOptions
  /** The largest request body accepted, in bytes. Default 1 MiB; larger ones get 413. */
  maxBodySize?: number
  /**
   * A JSON file to keep the state in (`cognito-msw --state <file>`): loaded at start if it exists, and written
   * after every operation that may change the state, before its answer is sent, so an answered change survives
   * a crash. Signing keys are part of the state, so tokens stay valid across restarts. Writes are atomic and
   * coalesced (one write covers every change made while the previous one was in progress).
   */
  stateFile?: string
}

/**
 * A running standalone Cognito server.
 *
 * @example
 * ```ts
 * const server: CognitoServer = await startServer({ port: 0 })
 * const client = new CognitoIdentityProviderClient({ endpoint: server.url, region: 'us-east-1' })
 * await server.close()
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
export interface CognitoServer {
  /** Where it listens, e.g. `http://127.0.0.1:4566`: the `endpoint` to give the SDK. */
  readonly url: string
  /** The emulator behind it: reset, snapshot, restore and read the outbox in-process. */
  readonly cognito: Cognito
  /** Stops listening and closes open connections. */
  close(): Promise<void>
}

const MiB = 1024 * 1024

/**
 * Starts the emulator as an HTTP server, for clients that MSW cannot intercept: other processes, the AWS CLI,
 * boto3, curl, or a browser app on another port. Besides the Cognito API on `POST /` and each pool's
 * `/<userPoolId>/.well-known/jwks.json`, it answers `POST /_cognito/reset` (empty the state) and
 * `GET /_cognito/outbox` (the messages Cognito would have sent).
 *
 * @example
 * ```ts
 * import { startServer } from 'cognito-msw/server'
 *
 * const server = await startServer({ port: 0 })
 * const client = new CognitoIdentityProviderClient({ endpoint: server.url, region: 'us-east-1' })
 * // ...
 * await server.close()
 * ```
 * @note The `Authorization` header (SigV4) is not checked, so any credentials work.
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/Welcome.html
 */
export async function startServer(options: StartServerOptions = {}): Promise<CognitoServer> {
  const port = options.port ?? 4566
  const host = options.host ?? '127.0.0.1'
  const maxBodySize = options.maxBodySize ?? MiB
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(
      `Failed to start the Cognito server: "port" must be an integer from 0 to 65535, got ${port}.`,
    )
  }
  const given = options.cognito
  if (options.stateFile !== undefined && isCognito(given)) {
    throw new Error(
      'Failed to start the Cognito server: "stateFile" needs the options of a new emulator in "cognito", not an ' +
        'existing one. Pass its options, or persist it yourself with its "storage" or "onChange" option.',
    )
  }
  const saved = options.stateFile === undefined ? undefined : await readStateFile(options.stateFile)
  let route: (req: IncomingMessage, res: ServerResponse) => Promise<void> = async () => {}
  const server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy())
  })
  await listen(server, port, host)
  const url = origin(host, (server.address() as AddressInfo).port)
  let stateFile: StateFile | undefined
  const cognito = isCognito(given)
    ? given
    : createCognito({
        ...given,
        endpoint: [url, ...endpoints(given)],
        ...(options.stateFile === undefined
          ? {}
          : { onChange: () => Promise.all([stateFile?.save(), given?.onChange?.()]).then(() => {}) }),
      })
  if (options.stateFile !== undefined) {
    if (saved !== undefined) {
      try {
        cognito.restore(saved as Snapshot)
      } catch {
        server.close()
        throw new Error(
          `Failed to start the Cognito server: the state file ${options.stateFile} is not a saved Cognito state. ` +
            'Delete it to start empty, or point "stateFile" elsewhere.',
        )
      }
    }
    stateFile = createStateFile(options.stateFile, () => JSON.stringify(cognito))
    await stateFile.save()
  }
  // A Cognito made elsewhere may not know our origin, but its handlers always answer the AWS host.
  const base = isCognito(given) ? `https://cognito-idp.${cognito.region}.amazonaws.com` : url
  route = (req, res) => handle(req, res, { cognito, base, maxBodySize, stateFile })
  let closing: Promise<void> | undefined
  return {
    url,
    cognito,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeIdleConnections()
        setTimeout(() => server.closeAllConnections(), 1000).unref()
      }).then(() => stateFile?.flush())
      return closing
    },
  }
}

interface Served {
  cognito: Cognito
  /** The origin requests are rebuilt on, so that the handlers match them. */
  base: string
  maxBodySize: number
  stateFile: StateFile | undefined
}

async function handle(req: IncomingMessage, res: ServerResponse, served: Served): Promise<void> {
  const cors = corsHeaders(req.headers['access-control-request-headers'])
  const method = req.method ?? 'GET'
  const path = (req.url ?? '/').split('?')[0]
  try {
    if (method === 'OPTIONS') {
      res.writeHead(204, cors).end()
      return
    }
    const body = await readBody(req, served.maxBodySize)
    if (method === 'POST' && path === '/_cognito/reset') {
      served.cognito.reset()
      await served.stateFile?.save()
      return sendJson(res, 200, {}, cors)
    }
    if (method === 'GET' && path === '/_cognito/outbox') {
      return sendJson(res, 200, served.cognito.outbox, cors)
    }
    const page = inboxResponse(method, path ?? '/', served.cognito)
    if (page) {
      res.writeHead(page.status, { ...cors, 'content-type': page.contentType }).end(page.body)
      return
    }
    const request = toRequest(req, served.base, body)
    const response = await getResponse(served.cognito.handlers, request, { quiet: true })
    if (!response) return sendJson(res, 404, { message: notFoundMessage(method, path) }, cors)
    await sendResponse(res, response, cors)
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      const message = `Request body is too large: the limit is ${error.limit} bytes.`
      return sendJson(res, 413, { message }, { ...cors, connection: 'close' })
    }
    if (res.destroyed || !res.socket || res.socket.destroyed) {
      // The client went away (e.g. it closed the connection before sending the whole body): nobody to answer.
      // (req.destroyed says nothing here: a request is destroyed once its body has been read.)
      res.destroy()
      return
    }
    console.error(`cognito-msw: ${method} ${path} failed:`, error)
    if (res.headersSent) {
      res.destroy()
      return
    }
    const message = `cognito-msw failed to handle ${method} ${path}: ${(error as Error)?.message ?? error}`
    sendJson(res, 500, { __type: 'InternalErrorException', message }, cors)
  }
}

const notFoundMessage = (method: string, path: string | undefined) =>
  `No route for ${method} ${path}. This server answers POST / (the Cognito API, with an X-Amz-Target header), ` +
  'GET /<userPoolId>/.well-known/jwks.json, GET /<userPoolId>/.well-known/openid-configuration, ' +
  'POST /_cognito/reset, GET /_cognito/outbox, GET /_cognito/state and GET /_cognito/ (the inbox page).'

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} on ${host} is already in use. Stop the process using it or choose another "port"`
          : error.message
      reject(new Error(`Failed to start the Cognito server: ${why}.`, { cause: error }))
    })
    server.listen(port, host, () => resolve())
  })
}

/** The URL clients use: wildcard hosts become their loopback address, IPv6 gets brackets. */
function origin(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`
}

function isCognito(value: Cognito | CognitoOptions | undefined): value is Cognito {
  return Array.isArray((value as Cognito | undefined)?.handlers)
}

const endpoints = (options: CognitoOptions | undefined): string[] =>
  options?.endpoint === undefined ? [] : [options.endpoint].flat()
