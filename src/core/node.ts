/**
 * What the core uses of Node when it runs there: node:crypto and the global `Buffer`. They are reached at run time
 * (`process.getBuiltinModule`, Node ≥ 22.3) and never imported, so the core stays isomorphic: in browsers both are
 * undefined and callers take their portable path. Typed here to the few members used.
 */

/** A Node Buffer, as far as the core uses one. */
export type NodeBytes = Uint8Array & {
  toString(encoding: 'hex' | 'base64' | 'base64url', start?: number, end?: number): string
}

export interface NodeBufferStatic {
  from(text: string, encoding?: 'hex' | 'base64url'): NodeBytes
  from(bytes: Uint8Array): NodeBytes
  /** A view of `length` bytes of `buffer` from `byteOffset`, no copy. */
  from(buffer: ArrayBufferLike, byteOffset: number, length: number): NodeBytes
  /** The length of a string in UTF-8 bytes, without encoding it. */
  byteLength(text: string): number
}

interface Digest {
  update(data: Uint8Array | string): { digest(): NodeBytes }
}

export interface NodeCrypto {
  /** One-shot digest (Node ≥ 21.7): no Hash object, about a quarter of `createHash`'s cost for short inputs. */
  hash(algorithm: 'sha256', data: string, outputEncoding: 'hex'): string
  hash(algorithm: 'sha256', data: string, outputEncoding: 'buffer'): NodeBytes
  createHash(algorithm: 'sha256'): Digest
  createHmac(algorithm: 'sha256', key: Uint8Array | string): Digest
  createPrivateKey(input: { key: Record<string, unknown>; format: 'jwk' }): unknown
  createPublicKey(input: { key: Record<string, unknown>; format: 'jwk' }): unknown
  verify(algorithm: string, data: Uint8Array, key: unknown, signature: Uint8Array): boolean
  publicEncrypt(key: { key: unknown; padding: number }, message: Uint8Array): Uint8Array
  privateEncrypt(key: { key: unknown; padding: number }, message: Uint8Array): NodeBytes
  constants: { RSA_NO_PADDING: number; RSA_PKCS1_PADDING: number }
  randomUUID(): string
}

const g = globalThis as {
  process?: { getBuiltinModule?: (id: string) => unknown }
  Buffer?: NodeBufferStatic
}

/** A Node built-in module by id (`node:os`, …), or undefined outside Node. */
export function builtin<T>(id: string): T | undefined {
  try {
    return g.process?.getBuiltinModule?.(id) as T | undefined
  } catch {
    return undefined
  }
}

/** Node's Buffer, or undefined outside Node. */
export const NodeBuffer: NodeBufferStatic | undefined = g.Buffer

/** node:crypto, or undefined outside Node (or where Buffer is missing, which every use needs too). */
export const nodeCrypto: NodeCrypto | undefined = NodeBuffer ? builtin<NodeCrypto>('node:crypto') : undefined
