import { type ChildProcess, spawn } from 'node:child_process'
import { type Browser, chromium } from 'playwright'

export const ROOT = new URL('../../', import.meta.url).pathname

/** Debian's Chromium; Playwright downloads no browser here. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

/** Runs `cognito-msw` from source on a free port; resolves with its URL once it listens. */
export function startCli(args: string[]): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(
    'node',
    ['--experimental-strip-types', '--no-warnings', 'src/server/cli.ts', '--port', '0', ...args],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  return new Promise((resolve, reject) => {
    let output = ''
    const collect = (chunk: Buffer) => {
      output += chunk
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1]
      if (url) resolve({ url, process: child })
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    child.on('exit', (code) => reject(new Error(`cognito-msw exited with ${code}: ${output}`)))
  })
}

/** Stops a process this test started, by its id. */
export function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    child.once('exit', () => resolve())
    child.kill('SIGTERM')
  })
}
