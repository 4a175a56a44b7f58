/**
 * A declarative description of the state to start with: user pools with their app clients, groups and users.
 * Lower-case keys are cognito-msw's; capitalised keys of a pool or a client are passed as they are to
 * CreateUserPool or CreateUserPoolClient, so every member AWS takes there can be seeded.
 *
 * @example
 * ```ts
 * const seed: CognitoSeed = {
 *   pools: [{
 *     id: 'us-east-1_Example01',
 *     name: 'app',
 *     UsernameAttributes: ['email'],
 *     clients: [{ id: 'exampleclient0000000000000', name: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
 *     groups: [{ name: 'admins' }],
 *     users: [{ username: 'alice@example.com', password: 'Correct-Horse-42', groups: ['admins'] }],
 *   }],
 * }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export interface CognitoSeed {
  pools?: SeedPool[]
}

/**
 * A user pool to create: CreateUserPool's members (`PoolName` is `name`), plus a fixed id and its contents.
 *
 * @example
 * ```ts
 * const pool: SeedPool = { id: 'us-east-1_Example01', name: 'app', UsernameAttributes: ['email'] }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export interface SeedPool {
  /** A fixed pool id, `<region>_<letters and digits>`, so that app configs stay stable. Default: generated. */
  id?: string
  /** The PoolName. */
  name: string
  /**
   * SetUserPoolMfaConfig's members, applied after the pool is created, e.g.
   * `{ MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: true } }`.
   */
  mfa?: Record<string, unknown>
  clients?: SeedClient[]
  groups?: SeedGroup[]
  users?: SeedUser[]
  /** Any other CreateUserPool member by its AWS name: `Policies`, `UsernameAttributes`, `Schema`, ... */
  [createUserPoolMember: string]: unknown
}

/**
 * An app client: CreateUserPoolClient's members (`ClientName` is `name`), plus a fixed id.
 *
 * @example
 * ```ts
 * const client: SeedClient = { name: 'web', ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
 */
export interface SeedClient {
  /** A fixed ClientId, so that app configs stay stable. Default: 26 generated letters and digits. */
  id?: string
  /** The ClientName. */
  name: string
  /** Any other CreateUserPoolClient member: `ExplicitAuthFlows`, `GenerateSecret`, `ClientSecret`, ... */
  [createUserPoolClientMember: string]: unknown
}

/**
 * A group, as CreateGroup takes it.
 *
 * @example
 * ```ts
 * const group: SeedGroup = { name: 'admins', precedence: 1 }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html
 */
export interface SeedGroup {
  name: string
  description?: string
  precedence?: number
  roleArn?: string
}

/**
 * A user, created as AdminCreateUser would, then given its password, status, groups and MFA settings.
 *
 * @example
 * ```ts
 * const user: SeedUser = { username: 'alice', password: 'Correct-Horse-42', groups: ['admins'] }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminCreateUser.html
 */
export interface SeedUser {
  /** What the user signs in with: a username, or an email / phone number where the pool uses those instead. */
  username: string
  /** Checked against the pool's password policy. Needed unless `status` is `RESET_REQUIRED`. */
  password?: string
  /** Attribute values by name, e.g. `{ email: 'alice@example.com', email_verified: 'true' }`. */
  attributes?: Record<string, string>
  /** Default `CONFIRMED`. `FORCE_CHANGE_PASSWORD` makes `password` a temporary one. */
  status?: 'CONFIRMED' | 'UNCONFIRMED' | 'FORCE_CHANGE_PASSWORD' | 'RESET_REQUIRED'
  /** Default `true`. */
  enabled?: boolean
  /** Names of groups of the same pool. */
  groups?: string[]
  /** The user's MFA settings, as AdminSetUserMFAPreference sets them. */
  mfa?: SeedMfa
}

/**
 * Which second factors a user has turned on, and which one is preferred.
 *
 * @example
 * ```ts
 * const mfa: SeedMfa = { sms: true, preferred: 'SMS_MFA' }
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserMFAPreference.html
 */
export interface SeedMfa {
  sms?: boolean
  email?: boolean
  softwareToken?: boolean
  preferred?: 'SMS_MFA' | 'SOFTWARE_TOKEN_MFA' | 'EMAIL_OTP'
  /** A verified authenticator-app secret (base32), needed for `softwareToken`. */
  totpSecret?: string
}
