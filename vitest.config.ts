import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { playwright } from '@vitest/browser-playwright'
import { msw } from 'msw/vite'
import { defineConfig } from 'vitest/config'

/** Tests and README examples import the package by its name, as users do. */
const resolve = {
  alias: {
    'cognito-msw/server': fileURLToPath(new URL('./src/server/index.ts', import.meta.url)),
    'cognito-msw': fileURLToPath(new URL('./src/index.ts', import.meta.url)),
  },
}

/**
 * The browser project and the Playwright tests drive Debian's Chromium. In CI it must be there (.ci/run installs
 * it); on a developer's machine without it they are skipped with a notice, so `npm test` still runs the rest.
 */
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const withChromium = existsSync(chromiumPath) || process.env.CI === 'true'
if (!withChromium) {
  console.warn(
    `[cognito-msw] ${chromiumPath} not found: skipping the browser and Playwright tests. ` +
      "Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to run them.",
  )
}

const browserProject = {
  resolve,
  plugins: [msw({ mode: 'worker-only' })],
  test: {
    name: 'browser',
    include: ['test/**/*.browser.test.ts'],
    testTimeout: 30_000,
    browser: {
      enabled: true,
      headless: true,
      instances: [{ browser: 'chromium' as const }],
      provider: playwright({
        launchOptions: {
          executablePath: chromiumPath,
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        },
      }),
    },
  },
}

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.browser.test.ts', ...(withChromium ? [] : ['test/e2e/**'])],
          testTimeout: 30_000,
        },
      },
      ...(withChromium ? [browserProject] : []),
    ],
  },
})
