import { expect, it } from 'vitest'
import { describeWithTool, exec, succeeds, useStandaloneServer, verifyWithServerJwks } from './support.ts'

const PYTHON = '/usr/bin/python3'
const SCRIPT = new URL('./boto3_example.py', import.meta.url).pathname
const standalone = useStandaloneServer()

describeWithTool(
  'python3-boto3',
  () => succeeds(PYTHON, ['-c', 'import boto3']),
  "the README's boto3 example",
  () => {
    it('creates a pool, a client and a user, and signs in with USER_PASSWORD_AUTH', {
      timeout: 120_000,
    }, async () => {
      const { stdout } = await exec(PYTHON, [SCRIPT], { COGNITO_ENDPOINT: standalone.url })
      const result = JSON.parse(stdout)
      expect(result).toMatchObject({
        UserPoolId: expect.stringMatching(/^us-east-1_[0-9a-zA-Z]{9}$/),
        ClientId: expect.stringMatching(/^[a-z0-9]{26}$/),
        TokenType: 'Bearer',
        ExpiresIn: 3600,
        RefreshToken: expect.any(String),
      })
      const id = await verifyWithServerJwks(result.IdToken, standalone.url, result.UserPoolId)
      expect(id).toMatchObject({ token_use: 'id', aud: result.ClientId, 'cognito:username': 'alice' })
      const access = await verifyWithServerJwks(result.AccessToken, standalone.url, result.UserPoolId)
      expect(access).toMatchObject({ token_use: 'access', client_id: result.ClientId, username: 'alice' })
    })
  },
)
