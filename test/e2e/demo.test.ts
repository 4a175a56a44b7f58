import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright'
import { createServer, type ViteDevServer } from 'vite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchChromium, ROOT } from './support.ts'

const BASELINE = join(ROOT, 'test/e2e/screenshots/demo-signed-in.png')
const PASSWORD = 'Correct-Horse-42'

let vite: ViteDevServer | undefined
let browser: Browser | undefined
let url = ''
beforeAll(async () => {
  vite = await createServer({
    configFile: join(ROOT, 'examples/demo/vite.config.ts'),
    server: { port: 0, strictPort: false },
    logLevel: 'error',
  })
  await vite.listen()
  url = vite.resolvedUrls!.local[0]!
  browser = await launchChromium()
}, 120_000)
afterAll(async () => {
  await browser?.close()
  await vite?.close()
})

/** The newest code in the page's outbox view for `destination`. */
async function codeFromOutbox(page: Page, destination: string): Promise<string> {
  const message = page.locator('#outbox li.message', { hasText: destination }).first()
  await message.waitFor()
  return (await message.locator('.code').textContent()) ?? ''
}

/** The share of pixels that differ between two PNGs of the same size, decoded and compared by Chromium. */
async function pixelDifference(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([first, second]) => {
      const decode = async (base64: string) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${base64}`)).blob())
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height)
        const context = canvas.getContext('2d')!
        context.drawImage(bitmap, 0, 0)
        return context.getImageData(0, 0, bitmap.width, bitmap.height)
      }
      const [x, y] = await Promise.all([decode(first!), decode(second!)])
      if (x.width !== y.width || x.height !== y.height) return 1
      let differing = 0
      for (let i = 0; i < x.data.length; i += 4) {
        const delta = Math.max(
          Math.abs(x.data[i]! - y.data[i]!),
          Math.abs(x.data[i + 1]! - y.data[i + 1]!),
          Math.abs(x.data[i + 2]! - y.data[i + 2]!),
        )
        if (delta > 48) differing++
      }
      return differing / (x.width * x.height)
    },
    [a.toString('base64'), b.toString('base64')],
  )
}

describe('the browser demo (npm run demo)', () => {
  it('signs up, confirms with the code from its outbox view, signs in and shows the signed-in screen', {
    timeout: 120_000,
  }, async () => {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 640 } })
    await page.goto(url)
    await page.locator('#signed-out').waitFor({ timeout: 60_000 })

    await page.click('.tab[data-tab=sign-up]')
    await page.fill('#sign-up input[name=email]', 'dan@example.com')
    await page.fill('#sign-up input[name=password]', PASSWORD)
    await page.click('#sign-up button[type=submit]')
    await page.locator('#confirm-sign-up').waitFor()
    expect(await page.textContent('#confirm-sign-up .destination')).toBe('d***@e***')

    const code = await codeFromOutbox(page, 'dan@example.com')
    expect(code).toMatch(/^\d{6}$/)
    await page.fill('#confirm-sign-up input[name=code]', code)
    await page.click('#confirm-sign-up button[type=submit]')
    await page.locator('#sign-in').waitFor()
    expect(await page.inputValue('#sign-in input[name=email]')).toBe('dan@example.com')
    await page.fill('#sign-in input[name=password]', PASSWORD)
    await page.click('#sign-in button[type=submit]')

    await page.locator('#signed-in').waitFor()
    expect(await page.textContent('#who')).toBe('dan@example.com')
    expect(await page.textContent('#verified')).toBe('yes')
    expect(await page.textContent('#groups')).toBe('none')
    expect(await page.textContent('#error')).toBe('')

    await page.screenshot({ path: join(tmpdir(), 'cognito-msw-demo.png') })
    const card = await page.locator('#auth').screenshot({ animations: 'disabled', caret: 'hide' })
    if (!existsSync(BASELINE) || process.env.UPDATE_SCREENSHOTS) {
      mkdirSync(join(ROOT, 'test/e2e/screenshots'), { recursive: true })
      writeFileSync(BASELINE, card)
    }
    expect(await pixelDifference(page, card, readFileSync(BASELINE))).toBeLessThan(0.02)
    await page.close()
  })

  it('signs a seeded user in through the SMS MFA step and out again', { timeout: 60_000 }, async () => {
    const page = await browser!.newPage()
    await page.goto(url)
    await page.locator('#signed-out').waitFor({ timeout: 60_000 })
    await page.fill('#sign-in input[name=email]', 'mfa@example.com')
    await page.fill('#sign-in input[name=password]', PASSWORD)
    await page.click('#sign-in button[type=submit]')
    await page.locator('#mfa').waitFor()
    expect(await page.textContent('#mfa .destination')).toBe('+*******0100')

    await page.fill('#mfa input[name=code]', await codeFromOutbox(page, '+15555550100'))
    await page.click('#mfa button[type=submit]')
    await page.locator('#signed-in').waitFor()
    expect(await page.textContent('#who')).toBe('mfa@example.com')

    await page.click('#sign-out')
    await page.locator('#signed-out').waitFor()
    await page.close()
  })
})
