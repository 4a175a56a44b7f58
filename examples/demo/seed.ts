import type { CognitoSeed } from 'cognito-msw'

/** The demo's pool: fixed ids for the Amplify config, a confirmed user and one with SMS MFA. */
export const POOL_ID = 'us-east-1_DemoPool1'
export const CLIENT_ID = 'demoappclient0000000000000'
export const PASSWORD = 'Correct-Horse-42'

export const seed: CognitoSeed = {
  pools: [
    {
      id: POOL_ID,
      name: 'demo',
      UsernameAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      mfa: {
        MfaConfiguration: 'OPTIONAL',
        SmsMfaConfiguration: {
          SmsAuthenticationMessage: 'Your sign-in code is {####}',
          SmsConfiguration: {
            SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms',
            ExternalId: 'demo',
          },
        },
      },
      clients: [
        {
          id: CLIENT_ID,
          name: 'web',
          ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        },
      ],
      groups: [
        {
          name: 'admins',
          precedence: 1,
        },
      ],
      users: [
        {
          username: 'alice@example.com',
          password: PASSWORD,
          attributes: {
            email_verified: 'true',
            name: 'Alice',
          },
          groups: ['admins'],
        },
        {
          username: 'mfa@example.com',
          password: PASSWORD,
          attributes: {
            email_verified: 'true',
            phone_number: '+15555550100',
            phone_number_verified: 'true',
          },
          mfa: {
            sms: true,
            preferred: 'SMS_MFA',
          },
        },
      ],
    },
  ],
}
