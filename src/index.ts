export { CognitoError } from './core/errors.ts'
export { createCognito, localStorageAdapter } from './create-cognito.ts'
export type { Cognito, CognitoOptions, CognitoStorage, OutboxMessage, Snapshot } from './types.ts'
