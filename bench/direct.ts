/**
 * The emulator without HTTP, MSW or the SDK: JSON in, JSON out through `dispatch`, the protocol layer every
 * request goes through. Used to build large pools quickly and to time the emulator alone.
 */
import type { Context } from '../src/core/context.ts'
import { dispatch, TARGET_PREFIX } from '../src/core/dispatch.ts'
import { emptyState } from '../src/core/state.ts'
import type { Output, Send } from './workload.ts'

/** A fresh emulator context, as `createCognito()` makes one. */
export function directContext(): Context {
  return {
    state: emptyState(),
    region: 'us-east-1',
    accountId: '123456789012',
    now: () => new Date(),
  }
}

/** Calls operations on `ctx` through `dispatch`; an error answer rejects. */
export function directSend(ctx: Context): Send {
  return async (operation, input) => {
    const result = await dispatch(ctx, TARGET_PREFIX + operation, JSON.stringify(input))
    if (result.status !== 200) throw new Error(`${operation}: ${JSON.stringify(result.body)}`)
    return result.body as Output
  }
}

/** Adds `count` users named `<prefix><n>` with an email each (FORCE_CHANGE_PASSWORD, no message sent). */
export async function addUsers(send: Send, UserPoolId: string, prefix: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const Username = `${prefix}${String(i).padStart(6, '0')}`
    await send('AdminCreateUser', {
      UserPoolId,
      Username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${Username}@example.com` }],
    })
  }
}
