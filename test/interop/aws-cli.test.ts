import { expect, it } from 'vitest'
import {
  describeWithTool,
  exec,
  runExample,
  succeeds,
  useStandaloneServer,
  verifyWithServerJwks,
} from './support.ts'

const AWS = '/usr/bin/aws'
const standalone = useStandaloneServer()

describeWithTool(
  'awscli',
  () => succeeds(AWS, ['--version']),
  "the README's aws cli example",
  () => {
    it('creates a pool, a client and a user, and signs in with USER_PASSWORD_AUTH', {
      timeout: 120_000,
    }, async () => {
      const { stdout } = await runExample('aws-cli.sh', standalone.url)
      const [status, ...rest] = stdout.split('\n')
      expect(status).toBe('FORCE_CHANGE_PASSWORD')
      const { AuthenticationResult: result } = JSON.parse(rest.join('\n'))
      expect(result).toMatchObject({ TokenType: 'Bearer', ExpiresIn: 3600, RefreshToken: expect.any(String) })
      const [poolId] = Object.keys(standalone.server.cognito.snapshot().pools)
      const access = await verifyWithServerJwks(result.AccessToken, standalone.url, poolId!)
      expect(access).toMatchObject({ token_use: 'access', username: 'alice' })
    })

    it('reports a Cognito error the way the CLI does for AWS', async () => {
      const failure = await exec(AWS, [
        'cognito-idp',
        'create-user-pool-client',
        '--endpoint-url',
        standalone.url,
        '--user-pool-id',
        'us-east-1_AbCdEf123',
        '--client-name',
        'my-app',
      ]).catch((error: { code: number; stderr: string }) => error)
      expect(failure).toMatchObject({
        code: 254,
        stderr: expect.stringContaining(
          'An error occurred (ResourceNotFoundException) when calling the CreateUserPoolClient operation: ' +
            'User pool us-east-1_AbCdEf123 does not exist.',
        ),
      })
    })
  },
)
