export { CognitoError } from './core/errors.ts'
export { createCognito } from './create-cognito.ts'
export type { Cognito, CognitoOptions, OutboxMessage, Snapshot } from './types.ts'
