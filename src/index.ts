export { CognitoError } from './core/errors.ts'
export { createCognito, localStorageAdapter } from './create-cognito.ts'
export { type Clock, createClock } from './helpers/clock.ts'
export { parseSeed } from './seed/parse-seed.ts'
export type {
  AuthenticationResult,
  Cognito,
  CognitoOptions,
  CognitoSeed,
  CognitoStorage,
  CreatedUser,
  CreateUserOptions,
  FailNextOptions,
  LambdaContext,
  LatestCodeOptions,
  OutboxMessage,
  PreTokenGenerationVersion,
  SeedClient,
  SeedGroup,
  SeedMfa,
  SeedPool,
  SeedUser,
  Snapshot,
  TriggerHandler,
  Triggers,
} from './types.ts'
