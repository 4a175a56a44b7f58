import { ALL_OPERATIONS } from '../model/operations.ts'
import { validateInput } from '../model/validate.ts'
import { operations } from '../operations/index.ts'
import type { Operation } from '../operations/types.ts'
import type { Context } from './context.ts'
import { CognitoError } from './errors.ts'
import { takeFailure } from './fail-next.ts'
import { signer } from './signer-thread.ts'
import { deliverPending } from './trigger-messages.ts'

export const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.'

/**
 * Every target of the API model, with its operation's name and function (none where it is not emulated): one
 * lookup per call instead of a prefix check, a slice, a set and the operations' table. Each lookup of a call costs
 * microseconds when the SDK and MSW have pushed our data out of the CPU's caches since the last one.
 */
const TARGETS = new Map<string, { name: string; operation: Operation | undefined }>(
  [...ALL_OPERATIONS].map((name) => [
    TARGET_PREFIX + name,
    { name, operation: Object.hasOwn(operations, name) ? operations[name] : undefined },
  ]),
)

/** The sign-in flows that answer with tokens (unless the user must answer a challenge first). */
const TOKEN_FLOWS = new Set([
  'USER_PASSWORD_AUTH',
  'ADMIN_USER_PASSWORD_AUTH',
  'ADMIN_NO_SRP_AUTH',
  'REFRESH_TOKEN_AUTH',
  'REFRESH_TOKEN',
])

/**
 * Whether a call will probably sign tokens: then the signer thread is told before the operation starts, so that it
 * is awake when the access token's signing input exists (core/signer-thread.ts). A wrong guess costs no more than
 * the thread waiting awake for a moment; the call signs in its own thread whenever the signer is not ready.
 */
function signsTokens(name: string, input: Record<string, unknown>): boolean {
  if (name === 'InitiateAuth' || name === 'AdminInitiateAuth')
    return TOKEN_FLOWS.has(input.AuthFlow as string)
  return name === 'RespondToAuthChallenge' || name === 'AdminRespondToAuthChallenge'
}

export interface WireResponse {
  status: number
  body: unknown
  /** The error name, for the `x-amzn-ErrorType` header. */
  errorType?: string
}

const error = (e: CognitoError): WireResponse => ({
  status: e.status,
  body: { __type: e.type, message: e.message },
  errorType: e.type,
})

const notEmulated = (name: string) =>
  new CognitoError(
    'NotImplementedException',
    `${name} is a Cognito operation that cognito-msw does not emulate yet. See the README for the operations it emulates.`,
    501,
  )

/**
 * The AWS JSON 1.1 protocol, without HTTP: a target header and a body text in, a status and a JSON body out.
 * Validation happens before any operation touches state. An operation that finishes without waiting (no trigger,
 * no first signing key) is answered synchronously, so the answer costs the caller no extra turns of the microtask
 * queue; otherwise the answer is a promise.
 */
export function dispatch(
  ctx: Context,
  target: string | null,
  bodyText: string,
): WireResponse | Promise<WireResponse> {
  const known = target === null ? undefined : TARGETS.get(target)
  if (!known) {
    return error(
      new CognitoError('UnknownOperationException', `Operation ${target ?? 'null'} is not recognized.`),
    )
  }
  const { name, operation } = known
  const planned = takeFailure(ctx, name) // cognito.failNext()
  if (planned) return error(planned)
  let input: unknown
  try {
    input = /\S/.test(bodyText) ? JSON.parse(bodyText) : {}
  } catch {
    return error(new CognitoError('SerializationException', 'Unable to parse the request body as JSON.'))
  }
  try {
    input ??= {} // a body of `null` reads as no members, as an empty body does
    validateInput(name, input)
    if (!operation) throw notEmulated(name)
    if (signsTokens(name, input as Record<string, unknown>)) signer()?.expect()
    const call = forCall(ctx, input as Record<string, unknown>)
    const output = operation(input as Record<string, unknown>, call)
    if (output instanceof Promise || call.call!.pending.length > 0) return finish(name, call, output)
    return { status: 200, body: output ?? {} }
  } catch (e) {
    return failure(name, e)
  }
}

/** The rest of a call whose operation returned a promise or left messages for a message trigger. */
async function finish(name: string, call: Context, pending: unknown): Promise<WireResponse> {
  try {
    const output = await pending
    if (call.call!.pending.length > 0) await deliverPending(call)
    return { status: 200, body: output ?? {} }
  } catch (e) {
    return failure(name, e)
  }
}

function failure(name: string, e: unknown): WireResponse {
  if (e instanceof CognitoError) return error(e)
  console.error(`[cognito-msw] ${name} failed:`, e)
  return error(new CognitoError('InternalErrorException', 'An internal error occurred in cognito-msw.', 500))
}

/**
 * The context of one call: the shared one (state, clock, functions) seen through a prototype, plus what trigger
 * events of this call carry (its app client and ClientMetadata) and the messages waiting for a message trigger.
 */
function forCall(ctx: Context, input: Record<string, unknown>): Context {
  const call = Object.create(ctx) as Context
  const clientMetadata = input.ClientMetadata as Record<string, string> | undefined
  // Members set one by one, not spread: an absent one stays absent, as `'clientId' in call.call` tells.
  const state: NonNullable<Context['call']> = { pending: [] }
  if (typeof input.ClientId === 'string') state.clientId = input.ClientId
  if (clientMetadata) state.clientMetadata = clientMetadata
  call.call = state
  return call
}
