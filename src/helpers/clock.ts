/**
 * A clock tests can move: it runs with `base` (the system clock by default) plus an offset.
 *
 * @example
 * ```ts
 * const clock = createClock()
 * const cognito = createCognito({ now: clock.now })
 * clock.advance(3600) // an hour later: access tokens have expired
 * ```
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
 */
export interface Clock {
  /** The current time as the emulator sees it. */
  now(): Date
  /** Moves the clock forward (or back, with a negative number) by `seconds`. */
  advance(seconds: number): void
  /** Moves the clock to `time`; it keeps running from there. */
  set(time: Date | string | number): void
  /** Takes the offset away: the clock shows `base` again. */
  reset(): void
}

/**
 * Creates a clock that tests can move; pass `clock.now` as `createCognito`'s `now`. Every emulator also has
 * one as `cognito.clock`.
 *
 * @example
 * ```ts
 * import { createClock, createCognito } from 'cognito-msw'
 *
 * const clock = createClock()
 * const cognito = createCognito({ now: clock.now })
 * clock.advance(24 * 3600)
 * ```
 * @see https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html
 */
export function createClock(base: () => Date = () => new Date()): Clock {
  let offset = 0
  return {
    now: () => new Date(base().getTime() + offset),
    advance(seconds: number) {
      if (!Number.isFinite(seconds)) {
        throw new Error(`Failed to call "clock.advance()": "seconds" must be a number, got ${seconds}.`)
      }
      offset += seconds * 1000
    },
    set(time: Date | string | number) {
      const target = new Date(time).getTime()
      if (Number.isNaN(target)) {
        throw new Error(`Failed to call "clock.set()": ${String(time)} is not a date.`)
      }
      offset = target - base().getTime()
    },
    reset() {
      offset = 0
    },
  }
}
