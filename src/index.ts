export { CognitoError } from './core/errors.ts'
export { createCognito, localStorageAdapter } from './create-cognito.ts'
export type {
  Cognito,
  CognitoOptions,
  CognitoStorage,
  LambdaContext,
  OutboxMessage,
  PreTokenGenerationVersion,
  Snapshot,
  TriggerHandler,
  Triggers,
} from './types.ts'
