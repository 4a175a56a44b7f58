import http from 'node:http'
import https from 'node:https'
import {
  AdminCreateUserCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  InitiateAuthCommand,
  ListUserPoolsCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { getResponse } from 'msw'
import { describe, expect, it } from 'vitest'
import { MODEL } from '../../src/model/generated.ts'
import { ALL_OPERATIONS } from '../../src/model/operations.ts'
import { operations } from '../../src/operations/index.ts'
import { failure } from '../support/auth-fixtures.ts'
import { ENDPOINTS, sdkClient, useCognito } from '../support/cognito.ts'

const { cognito } = useCognito()

const BASES = ['http://localhost:4566/', 'https://cognito-idp.us-east-1.amazonaws.com/']
const POOL = 'us-east-1_AAAAAAAAA'

/** A raw AWS JSON 1.1 request, as never client in any language would send it. */
async function post(base: string, target: string | undefined, body: string) {
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.1' }
  if (target) headers['x-amz-target'] = `AWSCognitoIdentityProviderService.${target}`
  const res = await fetch(base, { method: 'POST', headers, body })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

const invalid = (message: string) => ({ name: 'InvalidParameterException', message })

/** An operation AWS has that we do not emulate, which needs at most a pool id; none once everything is emulated. */
const notEmulated = [...ALL_OPERATIONS].find(
  (op) =>
    !operations[op] &&
    (MODEL.shapes[MODEL.operations[op]?.[0] ?? '']?.r ?? []).every((m) => m === 'UserPoolId'),
)

describe.each(BASES)('the AWS JSON 1.1 protocol at %s', (base) => {
  it('answers a success with status 200, the JSON 1.1 content type, a request id and a JSON body', async () => {
    const res = await post(base, 'CreateUserPool', JSON.stringify({ PoolName: 'p' }))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(res.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/)
    expect(JSON.parse(res.text).UserPool.Name).toBe('p')
  })

  it('gives every answer a Content-Length of its UTF-8 bytes, as Cognito does', async () => {
    // Characters of two, three and four bytes in UTF-8, echoed back in the answer.
    const message = 'Café ✓ 😀 code {####}'
    const created = await post(
      base,
      'CreateUserPool',
      JSON.stringify({ PoolName: 'p', EmailVerificationMessage: message }),
    )
    expect(JSON.parse(created.text).UserPool.EmailVerificationMessage).toBe(message)
    const failed = await post(base, 'CreateUserPool', '{"PoolName": ')
    const empty = await post(
      base,
      'DeleteUserPool',
      JSON.stringify({ UserPoolId: JSON.parse(created.text).UserPool.Id }),
    )
    for (const res of [created, failed, empty]) {
      expect(res.headers.get('content-length')).toBe(String(new TextEncoder().encode(res.text).byteLength))
    }
    // é is 1 byte more than its 1 code unit, ✓ 2 more, 😀 (2 code units) 2 more: 5 bytes more per echo.
    const echoes = created.text.split(message).length - 1
    expect(echoes).toBeGreaterThan(0)
    expect(Number(created.headers.get('content-length'))).toBe(created.text.length + 5 * echoes)
  })

  it('answers an operation without output with the body {}, never an empty body', async () => {
    const created = JSON.parse((await post(base, 'CreateUserPool', '{"PoolName":"p"}')).text)
    const res = await post(base, 'DeleteUserPool', JSON.stringify({ UserPoolId: created.UserPool.Id }))
    expect(res.status).toBe(200)
    expect(res.text).toBe('{}')
  })

  it('answers unparsable JSON with SerializationException', async () => {
    const res = await post(base, 'CreateUserPool', '{"PoolName": ')
    expect(res.status).toBe(400)
    expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException')
    expect(res.headers.get('content-type')).toBe('application/x-amz-json-1.1')
    expect(JSON.parse(res.text)).toEqual({
      __type: 'SerializationException',
      message: 'Unable to parse the request body as JSON.',
    })
  })

  it('answers an unknown target, or none, with UnknownOperationException', async () => {
    for (const target of ['CreateUserPoolz', undefined]) {
      const res = await post(base, target, '{}')
      expect(res.status).toBe(400)
      expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException')
      expect(JSON.parse(res.text)).toMatchObject({
        __type: 'UnknownOperationException',
        message: expect.any(String),
      })
    }
  })

  it.skipIf(!notEmulated)(
    'answers a real operation it does not emulate yet with HTTP 501 naming it',
    async () => {
      const res = await post(base, notEmulated, JSON.stringify({ UserPoolId: POOL }))
      expect(res.status).toBe(501)
      expect(res.headers.get('x-amzn-errortype')).toBe('NotImplementedException')
      expect(JSON.parse(res.text)).toEqual({
        __type: 'NotImplementedException',
        message: `${notEmulated} is a Cognito operation that cognito-msw does not emulate yet. See the README for the operations it emulates.`,
      })
    },
  )

  it('answers a JSON value of the wrong type with SerializationException, in the words of AWS', async () => {
    const cases: [string, object, string][] = [
      [
        'CreateUserPool',
        { PoolName: 5 },
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      ],
      ['CreateUserPool', { PoolName: true }, 'class java.lang.Boolean can not be converted to an String'],
      ['CreateUserPool', { PoolName: { a: 1 } }, 'Start of structure or map found where not expected.'],
      ['CreateUserPool', { PoolName: ['p'] }, 'Start of list found where not expected'],
      ['CreateUserPool', { PoolName: 'p', AutoVerifiedAttributes: 'email' }, 'Expected list or null'],
      ['CreateUserPool', { PoolName: 'p', Policies: [] }, 'Start of list found where not expected'],
      ['CreateUserPool', { PoolName: 'p', UserPoolTags: 'x' }, 'Expected map or null'],
      ['ListUserPools', { MaxResults: '10' }, 'class java.lang.String can not be converted to an Integer'],
      [
        'AdminCreateUser',
        { UserPoolId: POOL, Username: 'u', ForceAliasCreation: 1 },
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an Boolean',
      ],
      [
        'AdminCreateUser',
        { UserPoolId: POOL, Username: 'u', UserAttributes: [{ Name: 'email', Value: 7 }] },
        'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String',
      ],
    ]
    for (const [target, body, message] of cases) {
      const res = await post(base, target, JSON.stringify(body))
      expect(res.status).toBe(400)
      expect(res.headers.get('x-amzn-errortype')).toBe('SerializationException')
      expect(JSON.parse(res.text)).toEqual({ __type: 'SerializationException', message })
    }
  })

  it('reads a body that arrives in chunks, with a character split between two of them', async () => {
    // Through getResponse, so that the handler sees exactly these chunks (an HTTP client may merge them).
    const input = { PoolName: 'p', EmailVerificationMessage: 'Café code {####}' }
    const bytes = new TextEncoder().encode(JSON.stringify(input))
    const split = bytes.indexOf(0xc3) + 1 // between the two bytes of "é"
    const chunks = [bytes.slice(0, 5), bytes.slice(5, split), bytes.slice(split)]
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = chunks.shift()
        if (chunk) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const request = new Request(base, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'AWSCognitoIdentityProviderService.CreateUserPool',
      },
      body,
      duplex: 'half',
    } as RequestInit)
    const res = await getResponse(cognito.handlers, request, { quiet: true })
    expect(res?.status).toBe(200)
    expect((await res!.json()).UserPool.EmailVerificationMessage).toBe('Café code {####}')
  })

  it('answers a body that is not a JSON object with SerializationException', async () => {
    expect(JSON.parse((await post(base, 'CreateUserPool', '["p"]')).text).__type).toBe(
      'SerializationException',
    )
    expect(JSON.parse((await post(base, 'CreateUserPool', '"p"')).text).__type).toBe('SerializationException')
  })

  it('reports a wrong type before any constraint violation', async () => {
    const res = await post(base, 'AdminCreateUser', JSON.stringify({ Username: '', UserPoolId: 5 }))
    expect(JSON.parse(res.text).__type).toBe('SerializationException')
  })

  it('ignores members the API does not define, as AWS does', async () => {
    const res = await post(base, 'CreateUserPool', JSON.stringify({ PoolName: 'p', NotAMember: { x: [1] } }))
    expect(res.status).toBe(200)
    expect(JSON.parse(res.text).UserPool).not.toHaveProperty('NotAMember')
  })

  it('leaves state unchanged after each bad request', async () => {
    await post(base, 'CreateUserPool', '{"PoolName":"kept"}')
    const before = cognito.snapshot()
    const bad: [string | undefined, string][] = [
      ['CreateUserPool', '{"PoolName": '],
      ['CreateUserPoolz', '{"PoolName":"p"}'],
      [undefined, '{"PoolName":"p"}'],
      ['CreateUserPool', '{}'],
      ['CreateUserPool', '{"PoolName":5}'],
      ['CreateUserPool', '{"PoolName":"p","MfaConfiguration":"false"}'],
      ['CreateUserPool', '{"PoolName":"p","Schema":[{"Name":"x","AttributeDataType":"Text"}]}'],
      ...(notEmulated ? [[notEmulated, JSON.stringify({ UserPoolId: POOL })] as [string, string]] : []),
    ]
    for (const [target, body] of bad) {
      const res = await post(base, target, body)
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(cognito.snapshot()).toEqual(before)
    }
  })
})

describe.each(ENDPOINTS)('connections through the SDK via %s', (_, endpoint) => {
  it('carries every call of a client over one kept-alive connection', async () => {
    // Each answer's Content-Length ends its body, so the SDK's agent can reuse the socket. Without it MSW ended
    // the body with the connection: a new socket per call, each of which stayed in memory.
    const agent = endpoint ? new http.Agent({ keepAlive: true }) : new https.Agent({ keepAlive: true })
    let sockets = 0
    const createConnection = agent.createConnection.bind(agent) as typeof agent.createConnection
    agent.createConnection = ((...args: Parameters<typeof createConnection>) => {
      sockets++
      return createConnection(...args)
    }) as typeof agent.createConnection
    const client = new CognitoIdentityProviderClient({
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      ...(endpoint ? { endpoint } : {}),
      maxAttempts: 1,
      requestHandler: endpoint ? { httpAgent: agent } : { httpsAgent: agent },
    })
    await client.send(new CreateUserPoolCommand({ PoolName: 'p' }))
    for (let i = 0; i < 10; i++) {
      expect((await client.send(new ListUserPoolsCommand({ MaxResults: 10 }))).UserPools).toHaveLength(1)
    }
    expect(await failure(client.send(new CreateUserPoolCommand({ PoolName: '' })))).toMatchObject({
      name: 'InvalidParameterException',
    })
    await client.send(new ListUserPoolsCommand({ MaxResults: 10 }))
    expect(sockets).toBe(1)
    client.destroy()
    agent.destroy()
  })
})

describe.each(ENDPOINTS)('input validation through the SDK via %s', (_, endpoint) => {
  const client = () => sdkClient(endpoint)

  it('rejects a missing required member with "Member must not be null"', async () => {
    expect(await failure(client().send(new ListUserPoolsCommand({} as never)))).toEqual(
      invalid(
        "1 validation error detected: Value null at 'maxResults' failed to satisfy constraint: Member must not be null",
      ),
    )
  })

  it('shows null for a missing sensitive member, as AWS does for clientId', async () => {
    const input = { AuthFlow: 'USER_PASSWORD_AUTH' } as never
    expect(await failure(client().send(new InitiateAuthCommand(input)))).toEqual(
      invalid(
        "1 validation error detected: Value null at 'clientId' failed to satisfy constraint: Member must not be null",
      ),
    )
  })

  it('reports every violated constraint in one message', async () => {
    const input = { PoolName: 'x!', MfaConfiguration: 'false' } as never
    expect(await failure(client().send(new CreateUserPoolCommand(input)))).toEqual(
      invalid(
        "2 validation errors detected: Value 'x!' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+; " +
          "Value 'false' at 'mfaConfiguration' failed to satisfy constraint: Member must satisfy enum value set: [OPTIONAL, OFF, ON]",
      ),
    )
  })

  it('reports a too short and a too long string by their lengths', async () => {
    expect(await failure(client().send(new CreateUserPoolCommand({ PoolName: '' })))).toEqual(
      invalid(
        "2 validation errors detected: Value '' at 'poolName' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          "Value '' at 'poolName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+",
      ),
    )
    expect(await failure(client().send(new CreateUserPoolCommand({ PoolName: 'p'.repeat(129) })))).toEqual(
      invalid(
        `1 validation error detected: Value '${'p'.repeat(129)}' at 'poolName' failed to satisfy constraint: Member must have length less than or equal to 128`,
      ),
    )
  })

  it('checks numeric ranges', async () => {
    expect(await failure(client().send(new ListUserPoolsCommand({ MaxResults: 0 })))).toEqual(
      invalid(
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    )
    expect(await failure(client().send(new ListUserPoolsCommand({ MaxResults: 61 })))).toEqual(
      invalid(
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 60",
      ),
    )
  })

  it('lists enum values in the order AWS lists them', async () => {
    const input = { UserPoolId: POOL, Username: 'u', MessageAction: 'SURPRESS' } as never
    expect(await failure(client().send(new AdminCreateUserCommand(input)))).toEqual(
      invalid(
        "1 validation error detected: Value 'SURPRESS' at 'messageAction' failed to satisfy constraint: Member must satisfy enum value set: [SUPPRESS, RESEND]",
      ),
    )
  })

  it('names members of list elements by their path', async () => {
    const input = {
      UserPoolId: POOL,
      Username: 'u',
      UserAttributes: [{ Name: 'email' }, { Name: 'n'.repeat(33) }],
    }
    expect(await failure(client().send(new AdminCreateUserCommand(input)))).toEqual(
      invalid(
        `1 validation error detected: Value '${'n'.repeat(33)}' at 'userAttributes.2.member.name' failed to satisfy constraint: Member must have length less than or equal to 32`,
      ),
    )
  })

  it('checks the elements of a list of strings as one constraint on the list', async () => {
    const input = {
      UserPoolId: POOL,
      ClientName: 'c',
      ExplicitAuthFlows: ['ADMIN_USER_PASSWORD_AUTH'],
    } as never
    expect(await failure(client().send(new CreateUserPoolClientCommand(input)))).toEqual(
      invalid(
        "1 validation error detected: Value '[ADMIN_USER_PASSWORD_AUTH]' at 'explicitAuthFlows' failed to satisfy constraint: Member must satisfy constraint: " +
          '[Member must satisfy enum value set: [ALLOW_CUSTOM_AUTH, ALLOW_USER_PASSWORD_AUTH, ADMIN_NO_SRP_AUTH, USER_PASSWORD_AUTH, ALLOW_ADMIN_USER_PASSWORD_AUTH, ALLOW_USER_AUTH, CUSTOM_AUTH_FLOW_ONLY, ALLOW_USER_SRP_AUTH, ALLOW_REFRESH_TOKEN_AUTH]]',
      ),
    )
  })

  it('does not echo the values of sensitive members', async () => {
    const input = { ClientId: 'abc', Username: '', Password: 'has space' }
    expect(await failure(client().send(new SignUpCommand(input)))).toEqual(
      invalid(
        "3 validation errors detected: Value at 'username' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
          "Value at 'username' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}]+; " +
          "Value at 'password' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\S]+",
      ),
    )
  })

  it('matches patterns against the whole value, with Unicode classes', async () => {
    const ok = await client().send(new CreateUserPoolCommand({ PoolName: 'p' }))
    const pool = ok.UserPool?.Id as string
    expect(
      await failure(client().send(new AdminCreateUserCommand({ UserPoolId: `x${pool} `, Username: 'u' }))),
    ).toEqual(
      invalid(
        `1 validation error detected: Value 'x${pool} ' at 'userPoolId' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w-]+_[0-9a-zA-Z]+`,
      ),
    )
    const created = await client().send(
      new AdminCreateUserCommand({ UserPoolId: pool, Username: 'Zoë_日本', MessageAction: 'SUPPRESS' }),
    )
    expect(created.User?.Username).toBe('Zoë_日本')
  })
})
