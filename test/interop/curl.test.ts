import { expect, it } from 'vitest'
import { describeWithTool, readExample, runExample, succeeds, useStandaloneServer } from './support.ts'

const PLACEHOLDER_POOL_ID = 'us-east-1_AbCdEf123'
const standalone = useStandaloneServer()

describeWithTool(
  'curl',
  () => succeeds('curl', ['--version']),
  "the README's curl examples",
  () => {
    it('creates a user pool, then an app client in it with the returned id', async () => {
      const created = await runExample('curl-create-user-pool.sh', standalone.url)
      const pool = JSON.parse(created.stdout).UserPool
      expect(pool).toMatchObject({
        Id: expect.stringMatching(/^us-east-1_[0-9a-zA-Z]{9}$/),
        Name: 'my-pool',
        Arn: `arn:aws:cognito-idp:us-east-1:123456789012:userpool/${pool.Id}`,
        CreationDate: expect.any(Number),
      })

      expect(readExample('curl-create-user-pool-client.sh').split(PLACEHOLDER_POOL_ID)).toHaveLength(2)
      const client = await runExample('curl-create-user-pool-client.sh', standalone.url, {
        [PLACEHOLDER_POOL_ID]: pool.Id,
      })
      expect(JSON.parse(client.stdout).UserPoolClient).toMatchObject({
        UserPoolId: pool.Id,
        ClientName: 'my-app',
        ClientId: expect.stringMatching(/^[a-z0-9]{26}$/),
      })
    })

    it('answers an unknown pool id with ResourceNotFoundException', async () => {
      const answer = await runExample('curl-create-user-pool-client.sh', standalone.url)
      expect(JSON.parse(answer.stdout)).toEqual({
        __type: 'ResourceNotFoundException',
        message: `User pool ${PLACEHOLDER_POOL_ID} does not exist.`,
      })
    })
  },
)
