export { CognitoError } from './core/errors.ts'
export { createCognito } from './create-cognito.ts'
export type {
  Cognito,
  CognitoOptions,
  LambdaContext,
  OutboxMessage,
  PreTokenGenerationVersion,
  Snapshot,
  TriggerHandler,
  Triggers,
} from './types.ts'
