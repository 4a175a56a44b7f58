import { createPrivateKey, generateKeyPairSync, sign, verify } from 'node:crypto'
import { expect, it } from 'vitest'
import { signJwtNow } from '../../src/core/jwt-sign.ts'

// signJwtNow signs with privateEncrypt over a DigestInfo it builds itself (a shorter path through OpenSSL than
// crypto.sign); RSASSA-PKCS1-v1_5 is deterministic, so the signature must be crypto.sign's, byte for byte.
it('signs RS256 exactly as crypto.sign does, for claims of every length', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const privateJwk = privateKey.export({ format: 'jwk' })
  const key = { kid: 'k1', privateJwk, publicJwk: publicKey.export({ format: 'jwk' }) }
  const expected = createPrivateKey({ key: privateJwk, format: 'jwk' })
  for (const claims of [{}, { sub: 'a' }, { name: 'Zoë 李 🙂', n: 'x'.repeat(3000) }, { i: 1 }]) {
    const token = signJwtNow(claims, key)
    const [header, payload, signature] = token.split('.') as [string, string, string]
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ kid: 'k1', alg: 'RS256' })
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual(claims)
    const input = Buffer.from(`${header}.${payload}`)
    expect(signature).toBe(sign('sha256', input, expected).toString('base64url'))
    expect(verify('sha256', input, publicKey, Buffer.from(signature, 'base64url'))).toBe(true)
  }
})
