import type { Context } from '../../core/context.ts'
import type { AuthSession, ClientRecord, PoolRecord, UserRecord } from '../../core/state.ts'

/**
 * What every challenge answer handler gets from `answerChallenge` once the shared checks have passed: the call's
 * context, the pool and client, the session's user (enabled, and the one USERNAME names), the live session and
 * its key, and the ChallengeResponses (`{}` when none were sent).
 */
export interface ChallengeAnswer {
  ctx: Context
  pool: PoolRecord
  client: ClientRecord
  user: UserRecord
  /** The session's key: the Session string, or for PASSWORD_VERIFIER the SECRET_BLOCK. */
  sessionKey: string
  session: AuthSession
  responses: Record<string, string>
}
