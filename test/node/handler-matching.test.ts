import {
  CreateUserPoolCommand,
  ListUserPoolsCommand,
  type ListUserPoolsCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider'
import { getResponse, HttpResponse, http, type RequestHandler } from 'msw'
import { setupServer } from 'msw/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCognito } from '../../src/index.ts'
import { sdkClient } from '../support/cognito.ts'

const TARGET = 'AWSCognitoIdentityProviderService.ListUserPools'

/** A ListUserPools request, as the SDK sends it, to `url` with `method`. */
const apiRequest = (url: string, method = 'POST') =>
  new Request(url, {
    method,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET },
    body: method === 'GET' || method === 'HEAD' ? undefined : '{"MaxResults":60}',
  })

/** Which handler of `handlers` answers `request` ('none' if none does): each answers with its own label. */
async function answeredBy(handlers: RequestHandler[], request: Request): Promise<string> {
  const response = await getResponse(handlers, request, { quiet: true })
  if (!response) return 'none'
  return response.headers.get('x-label') ?? (response.headers.get('x-amzn-requestid') ? 'cognito' : 'unknown')
}

describe('the API handlers match requests exactly as http.post handlers on the same patterns', () => {
  // Plain URLs, a path, an upper-case host, and patterns MSW reads as more than text: a parameter (`:b`), which
  // also matches the later endpoint's URL, and an IPv6 host in brackets.
  const endpoints = [
    'http://localhost:4566',
    'http://127.0.0.1:9229',
    'http://localhost:3000/cognito/',
    'http://LOCALHOST:4600',
    'http://localhost:7000/a:b',
    'http://localhost:7000/axyz',
    'http://[::1]:4566',
  ]
  const cognito = createCognito({ endpoint: endpoints })
  // The same patterns as http.post handlers, in the same order, each answering with its index.
  const patterns = [
    ...endpoints.map((e) => e.replace(/\/+$/, '')),
    'https://cognito-idp.*.amazonaws.com',
  ].map((base) => `${base}/`)
  const reference = patterns.map((pattern, index) =>
    http.post(pattern, () => new HttpResponse(null, { headers: { 'x-label': String(index) } })),
  )
  const urls = [
    'http://localhost:4566/',
    'http://localhost:4566',
    'http://localhost:4566/?a=1',
    'http://localhost:4566/#frag',
    'http://localhost:4566/other',
    'http://localhost:4566//',
    'http://LOCALHOST:4566/',
    'http://localhost:45660/',
    'http://localhost:456/',
    'https://localhost:4566/',
    'http://127.0.0.1:9229/',
    'http://localhost:3000/cognito/',
    'http://localhost:3000/cognito',
    'http://localhost:3000/cognito/?x',
    'http://localhost:3000/',
    'http://localhost:4600/',
    'http://localhost:7000/a:b/',
    'http://localhost:7000/axyz/',
    'http://localhost:7000/a/',
    'http://[::1]:4566/',
    'http://[::1]:4567/',
    'https://cognito-idp.us-east-1.amazonaws.com/',
    'https://cognito-idp.eu-west-1.amazonaws.com/',
    'https://cognito-idp.eu-west-1.amazonaws.com/?Action=x',
    'https://cognito-idp.us-gov-west-1.amazonaws.com',
    'https://cognito-idp.amazonaws.com/',
    'http://cognito-idp.us-east-1.amazonaws.com/',
    'https://cognito-idp.us-east-1.amazonaws.com/x',
    'https://cognito-idp.fips.us-east-1.amazonaws.com/',
    'https://cognito-identity.us-east-1.amazonaws.com/',
    'https://example.com/',
  ]

  // Which of its handlers answers tells the pattern: the labels of the reference, the positions of ours.
  const ours = async (request: Request) => {
    for (const [index, handler] of cognito.handlers.entries()) {
      if ((await answeredBy([handler], request.clone())) === 'cognito') {
        // The first handler that would answer it is the one MSW uses.
        return String(index)
      }
    }
    return 'none'
  }

  it.each(urls)('POST %s', async (url) => {
    const expected = await answeredBy(reference, apiRequest(url))
    expect(await ours(apiRequest(url))).toBe(expected)
    // And as one list, the whole set answers it or not.
    expect(await answeredBy(cognito.handlers, apiRequest(url))).toBe(expected === 'none' ? 'none' : 'cognito')
  })

  it.each(['GET', 'PUT', 'DELETE', 'PATCH', 'post'])(
    '%s to an API URL is not an API call',
    async (method) => {
      for (const url of ['http://localhost:4566/', 'https://cognito-idp.us-east-1.amazonaws.com/']) {
        const expected = await answeredBy(reference, apiRequest(url, method))
        // Request spells a standard method in upper case, so `post` is a POST.
        expect(expected === 'none').toBe(method !== 'post')
        const got = await answeredBy(cognito.handlers.slice(0, patterns.length), apiRequest(url, method))
        expect(got).toBe(expected === 'none' ? 'none' : 'cognito')
      }
    },
  )

  it('marks the handler that answered as used, as http.post does', async () => {
    const fresh = createCognito()
    expect(fresh.handlers[0]!.isUsed).toBe(false)
    await getResponse(fresh.handlers, apiRequest('http://localhost:4566/'))
    expect(fresh.handlers[0]!.isUsed).toBe(true)
    expect(fresh.handlers[0]!.info.header).toBe('POST http://localhost:4566/')
  })
})

describe('API handlers among other handlers, through the SDK', () => {
  const first = createCognito({ endpoint: 'http://localhost:4566' })
  const second = createCognito({ endpoint: 'http://localhost:5000' })
  const server = setupServer(...first.handlers, ...second.handlers)
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterAll(() => server.close())

  const names = (output: ListUserPoolsCommandOutput) => output.UserPools?.map((p) => p.Name)

  it('sends each endpoint to its own emulator, and the AWS host to the first one listed', async () => {
    await sdkClient('http://localhost:4566').send(new CreateUserPoolCommand({ PoolName: 'first' }))
    await sdkClient('http://localhost:5000').send(new CreateUserPoolCommand({ PoolName: 'second' }))
    const list = new ListUserPoolsCommand({ MaxResults: 60 })
    expect(names(await sdkClient('http://localhost:4566').send(list))).toEqual(['first'])
    expect(names(await sdkClient('http://localhost:5000').send(list))).toEqual(['second'])
    expect(names(await sdkClient(undefined).send(list))).toEqual(['first'])
  })

  it('lets a handler put in front with server.use answer instead, until the handlers are reset', async () => {
    server.use(
      http.post('http://localhost:4566/', () =>
        HttpResponse.json(
          { __type: 'InternalErrorException', message: 'Overridden.' },
          { status: 500, headers: { 'x-amzn-errortype': 'InternalErrorException' } },
        ),
      ),
    )
    const list = new ListUserPoolsCommand({ MaxResults: 60 })
    const error = await sdkClient('http://localhost:4566')
      .send(list)
      .catch((e) => e)
    expect(error.name).toBe('InternalErrorException')
    expect(error.message).toBe('Overridden.')
    // The other endpoint is not overridden.
    expect(names(await sdkClient('http://localhost:5000').send(list))).toEqual(['second'])
    server.resetHandlers()
    expect(names(await sdkClient('http://localhost:4566').send(list))).toEqual(['first'])
  })
})
