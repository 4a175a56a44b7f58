import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { promisify } from 'node:util'
import { beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = new URL('../../', import.meta.url)
const pkg = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))

describe('the published package', () => {
  beforeAll(async () => {
    await run('npx', ['tsdown', '--log-level', 'error'], { cwd: root })
  }, 60_000)

  it('builds an isomorphic root entry that answers Cognito calls through its handlers', async () => {
    const { createCognito } = await import(new URL(pkg.exports['.'].default, root).href)
    const cognito = createCognito()
    expect(cognito.handlers.length).toBeGreaterThan(0)
    // Browsers load the root entry and the chunks it imports: none may import a node: module.
    for (const file of readdirSync(new URL('dist/', root)).filter(
      (f) => f.endsWith('.js') && !f.startsWith('start-server'),
    )) {
      expect(readFileSync(new URL(`dist/${file}`, root), 'utf8'), file).not.toMatch(/from "node:/)
    }
  })

  it('ships the server entry and a runnable cognito-msw command', async () => {
    const { startServer } = await import(new URL(pkg.exports['./server'].default, root).href)
    expect(startServer).toBeTypeOf('function')
    const { stdout } = await run(process.execPath, [new URL(pkg.bin['cognito-msw'], root).pathname, '--help'])
    expect(stdout).toContain('Usage: cognito-msw')
  })

  it('declares msw as a peer dependency only, and types for each entry', () => {
    expect(pkg.peerDependencies.msw).toBe('^3.0.0')
    expect(pkg.dependencies.msw).toBeUndefined()
    for (const entry of ['.', './server']) {
      expect(readFileSync(new URL(pkg.exports[entry].types, root), 'utf8')).toContain('export')
    }
  })
})
