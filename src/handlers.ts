import { HttpHandler, HttpResponse, http, type RequestHandler } from 'msw'
import type { Context } from './core/context.ts'
import { dispatch } from './core/dispatch.ts'
import { uuid } from './core/ids.ts'
import { publicJwk } from './core/keys.ts'
import { NodeBuffer } from './core/node.ts'
import { ownEntry } from './core/state.ts'
import { issuer } from './core/tokens.ts'

const JSON_11 = 'application/x-amz-json-1.1'

/**
 * MSW handlers for the Cognito API on each endpoint and on `https://cognito-idp.<region>.amazonaws.com/`, plus
 * each pool's JWKS and OpenID configuration. They only translate HTTP; `dispatch` does the rest.
 * `afterOperation` runs after every API call, before its answer is sent (a returned promise holds the answer back).
 */
export function createHandlers(
  ctx: Context,
  endpoints: string[],
  afterOperation?: (target: string | null) => void | Promise<void>,
): RequestHandler[] {
  const bases = [...endpoints.map((e) => e.replace(/\/+$/, '')), AWS_BASE]
  const answer = async (request: Request): Promise<Response> => {
    const target = request.headers.get('x-amz-target')
    const dispatched = dispatch(ctx, target, await bodyText(request))
    const result = dispatched instanceof Promise ? await dispatched : dispatched
    const saved = afterOperation?.(target)
    if (saved) await saved
    const body = JSON.stringify(result.body)
    const headers: Record<string, string> = {
      'content-type': JSON_11,
      // As every Cognito answer has. Without it MSW's Node interceptor ends the body with the connection, so
      // the SDK's keep-alive agent opens a new socket for every call, and each one stays in memory (about
      // 31 KB a call through SDK v3 → MSW 3.0.5, measured after garbage collection).
      'content-length': String(utf8Length(body)),
      'x-amzn-requestid': uuid(),
    }
    if (result.errorType) headers['x-amzn-errortype'] = result.errorType
    // A plain Response over the serialized body: cheaper than HttpResponse.json, and the same bytes.
    return new HttpResponse(body, { status: result.status, headers })
  }
  // The API first, on every base, so that a Cognito call (the hot path) is matched by the first handlers MSW tries.
  const api = apiHandlers(bases, answer)
  const wellKnown = bases.flatMap((base) => [
    http.get(`${base}/:poolId/.well-known/jwks.json`, ({ params }) => {
      const poolId = String(params.poolId)
      const pool = ownEntry(ctx.state.pools, poolId)
      if (!pool) return notFound(poolId)
      const keys = pool.keys ? [publicJwk(pool.keys.id), publicJwk(pool.keys.access)] : []
      return HttpResponse.json({ keys })
    }),
    http.get(`${base}/:poolId/.well-known/openid-configuration`, ({ params }) => {
      const poolId = String(params.poolId)
      if (!Object.hasOwn(ctx.state.pools, poolId)) return notFound(poolId)
      return HttpResponse.json(openIdConfiguration(issuer(poolId)))
    }),
  ])
  const handlers: RequestHandler[] = [...api, ...wellKnown]
  return handlers
}

const AWS_BASE = 'https://cognito-idp.*.amazonaws.com'
/** `https://cognito-idp.<region>.amazonaws.com/`: every such URL is matched by the `AWS_BASE` pattern. */
const AWS_HOST = /^https:\/\/cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/$/
/** What every URL the `AWS_BASE` pattern matches starts with. */
const AWS_PREFIX = 'https://cognito-idp.'

const MATCHED = { match: { matches: true, params: {} }, cookies: {} }

/**
 * The handlers of `POST <base>/` for each of `bases`, in order, all answering with `answer`. Exported for the
 * benchmark, whose second ceiling answers a constant through them.
 */
export function apiHandlers(
  bases: string[],
  answer: (request: Request) => Promise<Response>,
): RequestHandler[] {
  return bases.map((base) => new ApiHandler(`${base}/`, answer))
}

/**
 * How a handler can decide on a request URL without MSW's matching: `accept` is certainly matched by its pattern,
 * and a URL for which `reject` is true certainly is not. Anything else is left to MSW.
 */
interface Shortcut {
  accept(url: string): boolean
  reject(url: string): boolean
}

/**
 * The shortcut for a pattern, if it has one: the AWS host's, or a plain URL written as a request spells it
 * (lower-case scheme and host, no default port, nothing MSW reads as a wildcard, parameter or escape), which MSW
 * matches by its text. A request's URL never has credentials, so one with another origin cannot match it.
 */
function shortcut(pattern: string): Shortcut | undefined {
  if (pattern === `${AWS_BASE}/`) {
    return { accept: (url) => AWS_HOST.test(url), reject: (url) => !url.startsWith(AWS_PREFIX) }
  }
  if (!URL.canParse(pattern)) return undefined
  const parsed = new URL(pattern)
  if (parsed.href !== pattern || /[*\\[\]]|:[A-Za-z_]/.test(pattern.slice(pattern.indexOf('//') + 2)))
    return undefined
  const origin = `${parsed.origin}/`
  return { accept: (url) => url === pattern, reject: (url) => !url.startsWith(origin) }
}

/**
 * The API handler on one base: the `HttpHandler` that `http.post(pattern, ...)` makes, and it is one for MSW
 * (`listHandlers()`, logging in the browser, `server.use` in front of it). A POST to its exact API URL (what the
 * SDKs and Amplify send) is answered without MSW's generic steps, which a constant answer through `http.post`
 * spends about 0.14 ms a call on through SDK v3 (it clones every request, teeing its body, parses its URL and
 * cookies and awaits several more promises). A request its pattern certainly does not match (another method, or
 * another origin) gets `null` at once; anything else goes through those steps (`super.run`), so every request
 * matches exactly as it would with `http.post` (decisions/0012).
 */
class ApiHandler extends HttpHandler {
  readonly #shortcut: Shortcut | undefined
  readonly #answer: (request: Request) => Promise<Response>

  constructor(pattern: string, answer: (request: Request) => Promise<Response>) {
    super('POST', pattern, ({ request }) => answer(request))
    this.#shortcut = shortcut(pattern)
    this.#answer = answer
  }

  override async run(args: Parameters<HttpHandler['run']>[0]): ReturnType<HttpHandler['run']> {
    const { request } = args
    // Request spells standard methods in upper case, and MSW compares them ignoring case.
    if (request.method !== 'POST') return null
    const url = request.url
    if (this.#shortcut?.accept(url)) {
      this.isUsed = true
      const response = await this.#answer(request)
      return { handler: this, request, requestId: args.requestId, response, parsedResult: MATCHED }
    }
    if (this.#shortcut?.reject(url)) return null
    return super.run(args)
  }
}

const decoder = new TextDecoder()
const encoder = new TextEncoder()

/** The length of `text` in UTF-8 bytes: Node's Buffer counts without encoding; elsewhere it is encoded. */
function utf8Length(text: string): number {
  return NodeBuffer ? NodeBuffer.byteLength(text) : encoder.encode(text).byteLength
}

/**
 * The request body as text, as `request.text()` reads it (UTF-8, a leading BOM dropped), with fewer steps: MSW's
 * requests carry a stream, and `text()` reads it through more promises than this loop. Measured inside the
 * handler through SDK v3 → MSW: 26–27 µs against 34–41 µs at the median, 33–37 µs against 55–59 µs on average.
 */
async function bodyText(request: Request): Promise<string> {
  if (!request.body) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
  }
  if (chunks.length < 2) return chunks.length ? decoder.decode(chunks[0]) : ''
  const all = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.byteLength, 0))
  let at = 0
  for (const chunk of chunks) {
    all.set(chunk, at)
    at += chunk.byteLength
  }
  return decoder.decode(all)
}

const notFound = (poolId: string) =>
  HttpResponse.json({ message: `User pool ${poolId} does not exist.` }, { status: 404 })

function openIdConfiguration(iss: string) {
  return {
    authorization_endpoint: `${iss}/oauth2/authorize`,
    id_token_signing_alg_values_supported: ['RS256'],
    issuer: iss,
    jwks_uri: `${iss}/.well-known/jwks.json`,
    response_types_supported: ['code', 'token'],
    scopes_supported: ['openid', 'email', 'phone', 'profile'],
    subject_types_supported: ['public'],
    token_endpoint: `${iss}/oauth2/token`,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    userinfo_endpoint: `${iss}/oauth2/userInfo`,
  }
}
