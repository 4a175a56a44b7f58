import { MODEL } from './generated.ts'

/** Every operation of the Cognito user pools API, from the generated model (see scripts/generate-model.ts). */
export const ALL_OPERATIONS: ReadonlySet<string> = new Set(Object.keys(MODEL.operations))

/**
 * The errors an operation can return according to the API model: the SDK's `@throws` list merged with botocore's
 * `errors`. For fuzzing and conformance checks: an emulated operation should never answer with another error.
 */
export function operationErrors(operation: string): string[] {
  return MODEL.operations[operation]?.[1].map((i) => MODEL.errors[i] as string) ?? []
}
