import type { TriggerHandler } from '../../src/index.ts'

/** The ARN of the test function `name`, in the account and region the emulator uses by default. */
export const ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`

/** The members every version-1 trigger event of a sign-in starts with, through an app client. */
export const eventBase = (poolId: string, clientId: string, userName = 'alice') => ({
  version: '1',
  region: 'us-east-1',
  userPoolId: poolId,
  userName,
  callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId },
})

/**
 * Functions for `createCognito({ functions })`, one per name, that record a copy of every event they get (in
 * `received`, in order) and then run what the test set for them in `behaviour`; without it they return the event
 * unchanged. `clear()` empties both, for `afterEach`.
 */
export function recordingFunctions(names: readonly string[]) {
  const received: Record<string, unknown>[] = []
  const behaviour: Record<string, TriggerHandler> = {}
  const record =
    (name: string): TriggerHandler =>
    (event, context, callback) => {
      received.push(structuredClone(event))
      const handler = behaviour[name]
      return handler ? handler(event, context, callback) : event
    }
  return {
    received,
    behaviour,
    functions: Object.fromEntries(names.map((name) => [ARN(name), record(name)])),
    clear() {
      received.length = 0
      for (const name of Object.keys(behaviour)) delete behaviour[name]
    },
  }
}
