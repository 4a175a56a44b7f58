import type { Context } from '../../core/context.ts'
import { CognitoError } from '../../core/errors.ts'
import { randomBase64Url } from '../../core/ids.ts'
import type { AuthSession, ClientRecord, PoolRecord, State } from '../../core/state.ts'

const DAY_MS = 86_400_000
const SWEEP_MS = 3_600_000

/** Minutes a challenge session lives: the client's AuthSessionValidity, 3 by default (AWS allows 3–15). */
const sessionMinutes = (client: ClientRecord): number =>
  (client.AuthSessionValidity as number | undefined) ?? 3

/**
 * Opens a challenge session and returns its opaque string (or stores it under `key`, e.g. an SRP SECRET_BLOCK,
 * which is what identifies a PASSWORD_VERIFIER answer). Sessions that expired more than a day ago are dropped on
 * the way, at most once an hour of the emulator's clock, so the state does not grow without bound and opening a
 * session does not go through all the others.
 */
export function openSession(
  ctx: Context,
  pool: PoolRecord,
  client: ClientRecord,
  username: string,
  challengeName: string,
  data?: Record<string, unknown>,
  key?: string,
): string {
  const now = ctx.now().getTime()
  prune(ctx.state, now)
  const session = key ?? randomBase64Url(192)
  ctx.state.sessions[session] = {
    userPoolId: pool.config.Id,
    clientId: client.ClientId,
    username,
    challengeName,
    expires: now + sessionMinutes(client) * 60_000,
    ...(data ? { data } : {}),
  }
  return session
}

/** When each sessions record (one per state, replaced on reset or restore) is next swept. */
const nextSweep = new WeakMap<State['sessions'], number>()

function prune(state: State, now: number): void {
  const due = nextSweep.get(state.sessions)
  // The first sweep of a record comes an hour after its first session, so a fresh state costs nothing.
  if (due === undefined || now < due) {
    if (due === undefined || due - now > SWEEP_MS) nextSweep.set(state.sessions, now + SWEEP_MS)
    return
  }
  nextSweep.set(state.sessions, now + SWEEP_MS)
  for (const [key, session] of Object.entries(state.sessions)) {
    if (session.expires + DAY_MS < now) delete state.sessions[key]
  }
}

const invalidSession = () => new CognitoError('NotAuthorizedException', 'Invalid session for the user.')

/**
 * The live session a challenge answer refers to. Unknown, already used, another client's or another challenge's
 * sessions fail as Cognito's do; an expired one is dropped. The caller ends it with `closeSession` once the
 * answer is accepted (a rejected new password can be retried with the same session, as on AWS).
 */
export function findSession(
  ctx: Context,
  client: ClientRecord,
  session: string | undefined,
  challengeName: string,
): AuthSession {
  const found = session === undefined ? undefined : ctx.state.sessions[session]
  if (!found || found.clientId !== client.ClientId || found.challengeName !== challengeName) {
    throw invalidSession()
  }
  if (found.expires <= ctx.now().getTime()) {
    delete ctx.state.sessions[session as string]
    throw new CognitoError('NotAuthorizedException', 'Invalid session for the user, session is expired.')
  }
  return found
}

export function closeSession(ctx: Context, session: string): void {
  delete ctx.state.sessions[session]
}

/**
 * A live session of `challengeName` found by its string alone, for the operations that take a Session without a
 * ClientId (AssociateSoftwareToken, VerifySoftwareToken during MFA_SETUP).
 */
export function findChallengeSession(
  ctx: Context,
  session: string | undefined,
  challengeName: string,
): AuthSession {
  const found =
    session !== undefined && Object.hasOwn(ctx.state.sessions, session)
      ? ctx.state.sessions[session]
      : undefined
  if (!found) throw invalidSession()
  return findSession(ctx, { ClientId: found.clientId } as ClientRecord, session, challengeName)
}

/** Ends a session and hands out a new one for the same challenge, carrying `data`; the expiry stays. */
export function renewSession(ctx: Context, session: string, data: Record<string, unknown>): string {
  const old = ctx.state.sessions[session] as AuthSession
  delete ctx.state.sessions[session]
  const renewed = randomBase64Url(192)
  ctx.state.sessions[renewed] = { ...old, data }
  return renewed
}
