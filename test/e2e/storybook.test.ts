import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { promisify } from 'node:util'
import type { Browser, Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, ROOT } from './support.ts'

const run = promisify(execFile)
const EXAMPLE = join(ROOT, 'examples/storybook')
const OUT = join(EXAMPLE, 'storybook-static')
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
}

/** Serves the built Storybook (Service Workers need http://localhost, not file:). */
function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]!)).replace(/^(\.\.[/\\])+/, '')
    const file = join(dir, path.endsWith('/') ? `${path}index.html` : path)
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end()
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
    res.end(readFileSync(file))
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)))
}

let server: Server | undefined
let browser: Browser | undefined
let base = ''
beforeAll(async () => {
  // The example has its own package.json, so the root install stays lean; install it only once.
  if (!existsSync(join(EXAMPLE, 'node_modules/.bin/storybook'))) {
    await run('npm', ['install', '--no-audit', '--no-fund'], { cwd: EXAMPLE, timeout: 300_000 })
  }
  await run('npx', ['storybook', 'build', '--quiet', '-o', 'storybook-static'], {
    cwd: EXAMPLE,
    timeout: 180_000,
    env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' },
  })
  server = await serve(OUT)
  base = `http://localhost:${(server.address() as AddressInfo).port}`
  browser = await launchChromium()
}, 480_000)
afterAll(async () => {
  await browser?.close()
  await new Promise((resolve) => server?.close(resolve))
})

async function openStory(id: string): Promise<Page> {
  const page = await browser!.newPage()
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=story`)
  return page
}

describe('the Storybook example (storybook build)', () => {
  it('shows the sign-in form in the SignedOut story', async () => {
    const page = await openStory('login--signed-out')
    await page.locator('.login[data-state=signed-out]').waitFor({ timeout: 30_000 })
    expect(await page.locator('.login input[name=email]').count()).toBe(1)
    await page.close()
  })

  it('shows the seeded user signed in in the SignedIn story', async () => {
    const page = await openStory('login--signed-in')
    await page.locator('.login[data-state=signed-in]').waitFor({ timeout: 30_000 })
    expect(await page.textContent('.login .who')).toBe('alice@example.com')
    await page.close()
  })

  it('waits for the SMS code in the MfaStep story, and takes the code from the outbox', async () => {
    const page = await openStory('login--mfa-step')
    await page.locator('.login[data-state=mfa]').waitFor({ timeout: 30_000 })
    expect(await page.textContent('.login .destination')).toBe('+*******0100')
    const code = await page.evaluate(() =>
      (globalThis as unknown as { latestMfaCode: () => string }).latestMfaCode(),
    )
    await page.fill('.login input[name=code]', code)
    await page.click('.login button[type=submit]')
    await page.locator('.login[data-state=signed-in]').waitFor()
    expect(await page.textContent('.login .who')).toBe('mfa@example.com')
    await page.close()
  })
})
