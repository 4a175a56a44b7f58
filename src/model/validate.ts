/** Placeholder: replaced by the model-driven validator. */
export function validateInput(_operation: string, _input: object): void {}
