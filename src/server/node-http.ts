import type { IncomingMessage, ServerResponse } from 'node:http'
import { Readable } from 'node:stream'

/** Thrown by `readBody` when a request body is larger than the limit. */
export class BodyTooLargeError extends Error {
  readonly limit: number
  constructor(limit: number) {
    super(`Request body is larger than ${limit} bytes.`)
    this.limit = limit
  }
}

/**
 * Reads a request body into memory, refusing more than `limit` bytes. On refusal the rest of the body is
 * drained, not read, so that the connection can still carry the 413 answer.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    function onData(chunk: Buffer) {
      size += chunk.length
      if (size > limit) refuse()
      else chunks.push(chunk)
    }
    function refuse() {
      req.removeListener('data', onData)
      req.resume()
      reject(new BodyTooLargeError(limit))
    }
    if (Number(req.headers['content-length']) > limit) return refuse()
    req.on('data', onData)
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/**
 * Turns a Node request into a Fetch `Request` on `origin`. The URL is built from our own origin, not from the
 * `Host` header, so handler matching does not depend on how the client reached us.
 */
export function toRequest(req: IncomingMessage, origin: string, body: Uint8Array): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of [value].flat()) headers.append(name, v)
  }
  const method = req.method ?? 'GET'
  const hasBody = method !== 'GET' && method !== 'HEAD'
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    ...(hasBody ? { body: body as Uint8Array<ArrayBuffer> } : {}),
  })
}

/** Writes a Fetch `Response` to a Node response, streaming its body, with `extraHeaders` added. */
export async function sendResponse(
  res: ServerResponse,
  response: Response,
  extraHeaders: Record<string, string>,
): Promise<void> {
  res.statusCode = response.status
  for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value)
  response.headers.forEach((value, name) => {
    res.appendHeader(name, value)
  })
  if (!response.body) {
    res.end()
    return
  }
  const stream = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream)
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject)
    res.on('finish', resolve)
    res.on('close', resolve)
    stream.pipe(res)
  })
}

/** Answers with a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  extraHeaders: Record<string, string> = {},
): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    ...extraHeaders,
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}
