import type { Context } from './context.ts'
import { CognitoError } from './errors.ts'
import { uuid } from './ids.ts'
import { ownEntry, type PoolRecord, type UserRecord } from './state.ts'

/**
 * A Lambda trigger as an ordinary function: it receives Cognito's event (and a Lambda-like context and callback)
 * and returns the response event, as a Node.js Lambda handler does: `async (event) => event`, a plain function
 * returning the event, or a callback-style handler calling `callback(null, event)`.
 *
 * @example
 * ```ts
 * const preSignUp: TriggerHandler = async (event) => ({ ...event, response: { ...event.response, autoConfirmUser: true } })
 * ```
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
// biome-ignore lint/suspicious/noExplicitAny: events differ per trigger; handlers type them (e.g. with @types/aws-lambda)
export type TriggerHandler = (event: any, context: LambdaContext, callback: LambdaCallback) => unknown

export type LambdaCallback = (error?: unknown, result?: unknown) => void

/**
 * The parts of Lambda's context object that a trigger may use.
 *
 * @example
 * ```ts
 * const handler: TriggerHandler = (event, context: LambdaContext) => {
 *   if (context.getRemainingTimeInMillis() < 1000) throw new Error('Too slow')
 *   return event
 * }
 * ```
 * @see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-context.html
 */
export interface LambdaContext {
  functionName: string
  functionVersion: string
  invokedFunctionArn: string
  memoryLimitInMB: string
  awsRequestId: string
  logGroupName: string
  logStreamName: string
  callbackWaitsForEmptyEventLoop: boolean
  getRemainingTimeInMillis(): number
  done(error?: unknown, result?: unknown): void
  fail(error: unknown): void
  succeed(result: unknown): void
}

/**
 * The pre token generation event versions of `LambdaConfig.PreTokenGenerationConfig.LambdaVersion`.
 *
 * @example
 * ```ts
 * createCognito({ triggers: { preTokenGeneration: { lambdaVersion: 'V2_0', handler: async (event) => event } } })
 * ```
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
 */
export type PreTokenGenerationVersion = 'V1_0' | 'V2_0' | 'V3_0'

/**
 * Triggers for every user pool, by the camel-case name of their LambdaConfig member. A pool whose LambdaConfig names
 * a function for a trigger runs that function instead.
 *
 * @example
 * ```ts
 * createCognito({ triggers: { postConfirmation: async (event) => event } })
 * ```
 * @see https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_LambdaConfigType.html
 */
export interface Triggers {
  preSignUp?: TriggerHandler
  postConfirmation?: TriggerHandler
  preAuthentication?: TriggerHandler
  postAuthentication?: TriggerHandler
  defineAuthChallenge?: TriggerHandler
  createAuthChallenge?: TriggerHandler
  verifyAuthChallengeResponse?: TriggerHandler
  /** A V1_0 handler, or `{ lambdaVersion, handler }` for the V2_0 / V3_0 events. */
  preTokenGeneration?: TriggerHandler | { lambdaVersion: PreTokenGenerationVersion; handler: TriggerHandler }
  userMigration?: TriggerHandler
  customMessage?: TriggerHandler
  customEmailSender?: TriggerHandler
  customSMSSender?: TriggerHandler
}

/** The LambdaConfig members that name triggers, as Cognito names them in its errors. */
export type TriggerName =
  | 'PreSignUp'
  | 'PostConfirmation'
  | 'PreAuthentication'
  | 'PostAuthentication'
  | 'DefineAuthChallenge'
  | 'CreateAuthChallenge'
  | 'VerifyAuthChallengeResponse'
  | 'PreTokenGeneration'
  | 'UserMigration'
  | 'CustomMessage'
  | 'CustomEmailSender'
  | 'CustomSMSSender'

/** The sources of CustomMessage and the custom senders (`CustomMessage_<source>`, `CustomEmailSender_<source>`, ...). */
export type MessageSource =
  | 'SignUp'
  | 'AdminCreateUser'
  | 'ResendCode'
  | 'ForgotPassword'
  | 'UpdateUserAttribute'
  | 'VerifyUserAttribute'
  | 'Authentication'

/** Every trigger source this emulator emits (see `TRIGGER_SOURCES`). */
export type TriggerSource =
  | 'PreSignUp_SignUp'
  | 'PreSignUp_AdminCreateUser'
  | 'PostConfirmation_ConfirmSignUp'
  | 'PostConfirmation_ConfirmForgotPassword'
  | 'PreAuthentication_Authentication'
  | 'PostAuthentication_Authentication'
  | 'DefineAuthChallenge_Authentication'
  | 'CreateAuthChallenge_Authentication'
  | 'VerifyAuthChallengeResponse_Authentication'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens'
  | 'UserMigration_Authentication'
  | 'UserMigration_ForgotPassword'
  | `CustomMessage_${MessageSource}`
  | `CustomEmailSender_${MessageSource}`
  | `CustomSMSSender_${MessageSource}`

const MESSAGE_SOURCES: Record<MessageSource, true> = {
  SignUp: true,
  AdminCreateUser: true,
  ResendCode: true,
  ForgotPassword: true,
  UpdateUserAttribute: true,
  VerifyUserAttribute: true,
  Authentication: true,
}

/** Every member of `TriggerSource`, once (a Record, so the compiler sees none is missing). */
const SOURCES: Record<Exclude<TriggerSource, `Custom${string}_${MessageSource}`>, true> = {
  PreSignUp_SignUp: true,
  PreSignUp_AdminCreateUser: true,
  PostConfirmation_ConfirmSignUp: true,
  PostConfirmation_ConfirmForgotPassword: true,
  PreAuthentication_Authentication: true,
  PostAuthentication_Authentication: true,
  DefineAuthChallenge_Authentication: true,
  CreateAuthChallenge_Authentication: true,
  VerifyAuthChallengeResponse_Authentication: true,
  TokenGeneration_Authentication: true,
  TokenGeneration_NewPasswordChallenge: true,
  TokenGeneration_AuthenticateDevice: true,
  TokenGeneration_RefreshTokens: true,
  UserMigration_Authentication: true,
  UserMigration_ForgotPassword: true,
}

/**
 * Every trigger source this emulator emits; `triggerEvent` accepts no other. AWS's sources that need a hosted UI,
 * federation, client credentials or threat protection (`PreSignUp_ExternalProvider`, `TokenGeneration_HostedAuth`,
 * `TokenGeneration_ClientCredentials`, `InboundFederation_ExternalProvider`,
 * `CustomEmailSender_AccountTakeOverNotification`) never occur here.
 *
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
 */
export const TRIGGER_SOURCES: readonly TriggerSource[] = [
  ...(Object.keys(SOURCES) as TriggerSource[]),
  ...(['CustomMessage', 'CustomEmailSender', 'CustomSMSSender'] as const).flatMap((trigger) =>
    (Object.keys(MESSAGE_SOURCES) as MessageSource[]).map((source) => `${trigger}_${source}` as const),
  ),
]

/** Cognito's limit on a trigger's run time. */
export const TRIGGER_TIMEOUT_MS = 5000

/** What Cognito sends as `callerContext.awsSdkVersion` for calls it cannot attribute to a known SDK. */
const AWS_SDK_VERSION = 'aws-sdk-unknown-unknown'

/** `callerContext.clientId` of operations that have no app client (AdminCreateUser, AdminConfirmSignUp, ...). */
const NO_CLIENT = 'CLIENT_ID_NOT_APPLICABLE'

export interface ResolvedTrigger {
  name: TriggerName
  handler: TriggerHandler
  /** The function's ARN, or a made-up one for a `triggers` shortcut. */
  arn: string
  /** PreTokenGeneration's event version. */
  version: PreTokenGenerationVersion
}

/** Each trigger's key in `createCognito({ triggers })`. */
const CAMEL: Record<TriggerName, keyof Triggers> = {
  PreSignUp: 'preSignUp',
  PostConfirmation: 'postConfirmation',
  PreAuthentication: 'preAuthentication',
  PostAuthentication: 'postAuthentication',
  DefineAuthChallenge: 'defineAuthChallenge',
  CreateAuthChallenge: 'createAuthChallenge',
  VerifyAuthChallengeResponse: 'verifyAuthChallengeResponse',
  PreTokenGeneration: 'preTokenGeneration',
  UserMigration: 'userMigration',
  CustomMessage: 'customMessage',
  CustomEmailSender: 'customEmailSender',
  CustomSMSSender: 'customSMSSender',
}
const camel = (name: TriggerName): keyof Triggers => CAMEL[name]

/** The ARN and event version the pool's LambdaConfig names for a trigger, if any. */
function configured(pool: PoolRecord, name: TriggerName): { arn: string; version?: string } | undefined {
  const config = pool.config.LambdaConfig as Record<string, unknown> | undefined
  if (!config) return undefined
  if (name === 'PreTokenGeneration') {
    const v2 = config.PreTokenGenerationConfig as { LambdaArn?: string; LambdaVersion?: string } | undefined
    if (v2?.LambdaArn) return { arn: v2.LambdaArn, version: v2.LambdaVersion ?? 'V1_0' }
  }
  const value = config[name]
  if (typeof value === 'string') return { arn: value }
  const sender = value as { LambdaArn?: string } | undefined
  return sender?.LambdaArn ? { arn: sender.LambdaArn } : undefined
}

/** Whether the pool would run a function for this trigger (no function is looked up or run). */
export function hasTrigger(ctx: Context, pool: PoolRecord, name: TriggerName): boolean {
  return configured(pool, name) !== undefined || ctx.triggers?.[camel(name)] !== undefined
}

/**
 * The function that runs for a trigger of this pool: the one `functions` maps the pool's LambdaConfig ARN to, or the
 * `triggers` shortcut. A configured ARN without a function fails as a deleted Lambda function does on AWS.
 */
export function resolveTrigger(
  ctx: Context,
  pool: PoolRecord,
  name: TriggerName,
): ResolvedTrigger | undefined {
  const fromConfig = configured(pool, name)
  if (fromConfig) {
    const handler = ownEntry(ctx.functions, fromConfig.arn)
    if (!handler) {
      console.warn(
        `[cognito-msw] ${pool.config.Id} names ${fromConfig.arn} as its ${name} trigger, but no function is registered for it: pass createCognito({ functions: { '${fromConfig.arn}': handler } }).`,
      )
      throw new CognitoError(
        'UnexpectedLambdaException',
        `${name} invocation failed due to error ResourceNotFoundException.`,
      )
    }
    return {
      name,
      handler,
      arn: fromConfig.arn,
      version: (fromConfig.version ?? 'V1_0') as PreTokenGenerationVersion,
    }
  }
  const shortcut = ctx.triggers?.[camel(name)]
  if (!shortcut) return undefined
  const arn = `arn:aws:lambda:${poolRegion(pool)}:${ctx.accountId}:function:${camel(name)}`
  if (typeof shortcut === 'function') return { name, handler: shortcut, arn, version: 'V1_0' }
  return { name, handler: shortcut.handler, arn, version: shortcut.lambdaVersion }
}

const poolRegion = (pool: PoolRecord): string => pool.config.Id.split('_')[0] ?? 'us-east-1'

/** The fields every trigger event shares, with the calling app client and this call's ClientMetadata. */
export interface TriggerEvent {
  version: string
  triggerSource: string
  region: string
  userPoolId: string
  userName: string
  callerContext: { awsSdkVersion: string; clientId: string }
  request: Record<string, unknown>
  response: Record<string, unknown>
}

/**
 * Builds a trigger event. `clientMetadata` from the call (ClientMetadata) is added to the request where given,
 * as Cognito does.
 */
export function triggerEvent(
  ctx: Context,
  pool: PoolRecord,
  triggerSource: TriggerSource,
  userName: string,
  request: Record<string, unknown>,
  response: Record<string, unknown>,
  version = '1',
): TriggerEvent {
  const clientMetadata = ctx.call?.clientMetadata
  return {
    version,
    triggerSource,
    region: poolRegion(pool),
    userPoolId: pool.config.Id,
    userName,
    callerContext: { awsSdkVersion: AWS_SDK_VERSION, clientId: ctx.call?.clientId ?? NO_CLIENT },
    request: clientMetadata ? { ...request, clientMetadata: { ...clientMetadata } } : request,
    response,
  }
}

/**
 * The `userAttributes` Cognito puts in events about an existing user: `sub` first, the attributes, the
 * `cognito:user_status`, and the `cognito:email_alias` / `cognito:phone_number_alias` of verified aliases.
 */
export function eventAttributes(pool: PoolRecord, user: UserRecord): Record<string, string> {
  const attributes: Record<string, string> = { sub: user.attributes.sub ?? '' }
  for (const [name, value] of Object.entries(user.attributes)) if (name !== 'sub') attributes[name] = value
  const aliases = (pool.config.AliasAttributes as string[] | undefined) ?? []
  for (const contact of ['email', 'phone_number'] as const) {
    if (
      aliases.includes(contact) &&
      user.attributes[`${contact}_verified`] === 'true' &&
      user.attributes[contact]
    ) {
      attributes[`cognito:${contact}_alias`] = user.attributes[contact]
    }
  }
  attributes['cognito:user_status'] = user.status
  return attributes
}

/** AttributeType lists (ValidationData, UserAttributes) as the maps that events carry; `null` when absent. */
export function attributeMap(
  list: { Name: string; Value?: string }[] | undefined,
): Record<string, string> | null {
  if (!list) return null
  return Object.fromEntries(list.map((a) => [a.Name, a.Value ?? '']))
}

const invalidResponse = (): CognitoError =>
  new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output')

/**
 * Runs a trigger with Lambda's semantics and Cognito's error handling: the event goes in as JSON and the returned
 * (or called-back) value comes out as JSON, and is the response event. A thrown error is
 * `UserLambdaValidationException` `<Trigger> failed with error <message>.`; no usable event back is
 * `InvalidLambdaResponseException`; more than 5 seconds is `UnexpectedLambdaException`.
 */
export async function runTrigger(trigger: ResolvedTrigger, event: TriggerEvent): Promise<TriggerEvent> {
  const input = JSON.parse(JSON.stringify(event)) as TriggerEvent
  const started = Date.now()
  let timer: ReturnType<typeof setTimeout> | undefined
  const outcome = new Promise<{ ok: boolean; value: unknown }>((resolve) => {
    const done = (error?: unknown, result?: unknown) =>
      resolve(
        error === undefined || error === null ? { ok: true, value: result } : { ok: false, value: error },
      )
    timer = setTimeout(() => resolve({ ok: false, value: TIMEOUT }), TRIGGER_TIMEOUT_MS)
    const context: LambdaContext = {
      functionName: trigger.arn.slice(trigger.arn.lastIndexOf(':') + 1),
      functionVersion: '$LATEST',
      invokedFunctionArn: trigger.arn,
      memoryLimitInMB: '128',
      awsRequestId: uuid(),
      logGroupName: `/aws/lambda/${trigger.arn.slice(trigger.arn.lastIndexOf(':') + 1)}`,
      logStreamName: 'cognito-msw',
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, TRIGGER_TIMEOUT_MS - (Date.now() - started)),
      done,
      fail: (error) => done(error ?? new Error('handled')),
      succeed: (result) => done(null, result),
    }
    try {
      const returned = trigger.handler(input, context, done)
      if (isPromise(returned))
        returned.then(
          (value) => done(null, value),
          (error) => done(error ?? new Error('null')),
        )
      else if (returned !== undefined) done(null, returned)
      // else: a callback-style handler; it answers through `done`
    } catch (error) {
      done(error ?? new Error('null'))
    }
  })
  const result = await outcome.finally(() => clearTimeout(timer))
  if (!result.ok) {
    if (result.value === TIMEOUT) {
      throw new CognitoError(
        'UnexpectedLambdaException',
        `${trigger.name} invocation failed due to error Socket timeout while invoking Lambda function.`,
      )
    }
    throw new CognitoError(
      'UserLambdaValidationException',
      `${trigger.name} failed with error ${errorMessage(result.value)}.`,
    )
  }
  let output: unknown
  try {
    output = result.value === undefined ? null : JSON.parse(JSON.stringify(result.value))
  } catch {
    throw invalidResponse()
  }
  if (!isObject(output) || !isObject(output.response ?? {})) throw invalidResponse()
  return { ...input, ...output, response: (output.response ?? {}) as Record<string, unknown> } as TriggerEvent
}

const TIMEOUT = Symbol('timeout')

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function'

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message
  if (typeof error === 'string') return error
  try {
    return JSON.stringify(error)
  } catch {
    return String(error)
  }
}

/**
 * Resolves and runs a trigger if the pool has one; `undefined` when it has none. The response is checked by
 * `check` (which throws `invalidLambdaResponse()` for a shape Cognito rejects).
 */
export async function fireTrigger(
  ctx: Context,
  pool: PoolRecord,
  name: TriggerName,
  build: (trigger: ResolvedTrigger) => TriggerEvent,
): Promise<TriggerEvent | undefined> {
  const trigger = resolveTrigger(ctx, pool, name)
  if (!trigger) return undefined
  return runTrigger(trigger, build(trigger))
}

/** The error of a response Cognito cannot use. */
export const invalidLambdaResponse: () => CognitoError = invalidResponse

/** A response member that must be a boolean when present. */
export function booleanMember(response: Record<string, unknown>, name: string): boolean {
  const value = response[name]
  if (value === undefined || value === null) return false
  if (typeof value !== 'boolean') throw invalidResponse()
  return value
}
