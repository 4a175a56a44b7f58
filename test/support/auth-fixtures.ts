import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  type CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider'
import { decodeJwt, decodeProtectedHeader } from 'jose'

export const PASSWORD = 'Correct-Horse-1'

/** A pool and an app client that allows USER_PASSWORD_AUTH (and refresh) unless told otherwise. */
export async function poolWithClient(
  sdk: CognitoIdentityProviderClient,
  pool: Partial<CreateUserPoolCommandInput> = {},
  client: Partial<CreateUserPoolClientCommandInput> = {},
) {
  const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'auth', ...pool }))
  const poolId = UserPool!.Id!
  const { UserPoolClient } = await sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'app',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH', 'ALLOW_USER_SRP_AUTH'],
      ...client,
    }),
  )
  return { poolId, clientId: UserPoolClient!.ClientId!, clientSecret: UserPoolClient!.ClientSecret }
}

/** A user made by AdminCreateUser; with `permanent`, AdminSetUserPassword makes it CONFIRMED. */
export async function createUser(
  sdk: CognitoIdentityProviderClient,
  poolId: string,
  username: string,
  {
    password = PASSWORD,
    permanent = true,
    attributes = {},
  }: { password?: string; permanent?: boolean; attributes?: Record<string, string> } = {},
) {
  const { User } = await sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      TemporaryPassword: password,
      MessageAction: 'SUPPRESS',
      UserAttributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })),
    }),
  )
  if (permanent) {
    await sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: username,
        Password: password,
        Permanent: true,
      }),
    )
  }
  return User!
}

/** InitiateAuth USER_PASSWORD_AUTH. */
export function passwordSignIn(
  sdk: CognitoIdentityProviderClient,
  clientId: string,
  username: string,
  password = PASSWORD,
  extra: Record<string, string> = {},
) {
  return sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
    }),
  )
}

/** The error a promise rejects with, for asserting `name` and `message`. */
export async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await promise
  } catch (e) {
    const { name, message } = e as Error
    return { name, message }
  }
  throw new Error('Expected the call to fail, but it succeeded.')
}

/** AttributeType lists (`[{ Name, Value }]`) as a record, for comparing attributes by name. */
export const attrs = (list: { Name?: string; Value?: string }[] | undefined) =>
  Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value]))

export const claims = (token: string | undefined) => decodeJwt(token!) as Record<string, unknown>
export const header = (token: string | undefined) => decodeProtectedHeader(token!)
