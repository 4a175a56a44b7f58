import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider'
import { setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll, expect } from 'vitest'
import { type CognitoOptions, createCognito } from '../../src/index.ts'

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' }

/** An SDK v3 client; with `endpoint: undefined` it talks to the real AWS host, which MSW intercepts. */
export function sdkClient(endpoint: string | undefined = 'http://localhost:4566', region = 'us-east-1') {
  return new CognitoIdentityProviderClient({
    region,
    credentials,
    ...(endpoint ? { endpoint } : {}),
    maxAttempts: 1,
  })
}

/** The two ways apps reach us: the emulator endpoint, and the real AWS host with no endpoint configured. */
export const ENDPOINTS = [
  ['http://localhost:4566', 'http://localhost:4566'],
  ['the AWS host', undefined],
] as const

/**
 * Starts MSW with a fresh Cognito for the current test file, and empties its state after each test.
 * Returns the emulator and a clock the test can move (`clock.advance(seconds)`) or stop (`clock.freeze(epochMs)`).
 */
export function useCognito(options: CognitoOptions = {}) {
  const clock = {
    offset: 0,
    /** While set, the epoch milliseconds the clock shows, unmoved by real time. */
    frozen: undefined as number | undefined,
    advance: (seconds: number) => {
      if (clock.frozen === undefined) clock.offset += seconds * 1000
      else clock.frozen += seconds * 1000
    },
    freeze: (epochMs: number) => {
      clock.frozen = epochMs
    },
    /** Stops the clock `ms` milliseconds into the current second of real time. */
    freezeIntoSecond: (ms: number) => {
      clock.frozen = Math.floor(Date.now() / 1000) * 1000 + ms
    },
    /** The emulator's time, in epoch milliseconds. */
    now: () => clock.frozen ?? Date.now() + clock.offset,
  }
  const cognito = createCognito({ now: () => new Date(clock.now()), ...options })
  const server = setupServer(...cognito.handlers)
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }))
  afterEach(() => {
    cognito.reset()
    clock.offset = 0
    clock.frozen = undefined
  })
  afterAll(() => server.close())
  return { cognito, server, clock }
}

/**
 * Matches a Date `seconds` after `from`, allowing the second or so of real time a loaded machine may take between
 * two calls (the test clock is the real clock plus the test's advances).
 */
export const secondsAfter = (from: Date | undefined, seconds: number) =>
  expect.toSatisfy((d: unknown) => {
    if (!(d instanceof Date) || !from) return false
    const delta = d.getTime() - from.getTime() - seconds * 1000
    return delta >= 0 && delta < 3000
  }, `a date ${seconds} s after ${from?.toISOString()}`)
