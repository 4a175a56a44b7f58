/**
 * cognito-local, the Node peer, installed by the benchmark itself into bench/.peers/ (gitignored; not a dependency
 * of the package) and started as its own command on a loopback port with its data in a temporary directory.
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Backend, sdk } from './targets.ts'

export const COGNITO_LOCAL_VERSION = '5.3.0'
const PEERS = `${fileURLToPath(new URL('./.peers', import.meta.url))}/`
const PACKAGE = join(PEERS, 'node_modules', 'cognito-local')

/** Installs cognito-local into bench/.peers/ unless that version is there already. */
async function install(): Promise<string> {
  const manifest = join(PACKAGE, 'package.json')
  if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).version === COGNITO_LOCAL_VERSION) {
    return PACKAGE
  }
  mkdirSync(PEERS, { recursive: true })
  process.stderr.write(`  installing cognito-local@${COGNITO_LOCAL_VERSION} into bench/.peers/ ...\n`)
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  await promisify(execFile)(
    npm,
    [
      'install',
      '--prefix',
      PEERS,
      '--no-audit',
      '--no-fund',
      '--no-save',
      `cognito-local@${COGNITO_LOCAL_VERSION}`,
    ],
    { timeout: 180_000, maxBuffer: 10 * 1024 * 1024 },
  )
  if (!existsSync(manifest)) throw new Error('npm install finished but cognito-local is not in bench/.peers/')
  return PACKAGE
}

/**
 * cognito-local's server as users run it (`cognito-local`, which reads `PORT` and `HOST` and keeps its data in
 * `.cognito/` under the working directory), driven through the SDK v3. Rejects with the reason when it cannot be
 * installed or started.
 */
export async function cognitoLocal(): Promise<Backend> {
  const pkg = await install()
  const start = join(pkg, 'lib', 'bin', 'start.js')
  const dir = mkdtempSync(join(tmpdir(), 'cognito-local-bench-'))
  mkdirSync(join(dir, '.cognito'))
  // Its pools default to email as the username, unlike AWS's; the workload uses plain usernames, as on AWS.
  const config = { UserPoolDefaults: { UsernameAttributes: [] } }
  writeFileSync(join(dir, '.cognito', 'config.json'), JSON.stringify(config))
  const child = spawn(process.execPath, [start], {
    cwd: dir,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', NODE_NO_WARNINGS: '1', DEBUG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`cognito-local did not start in 30 s: ${output.slice(-500)}`)),
      30_000,
    )
    const onData = (chunk: Buffer) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: strips the colours of its log lines
      output += chunk.toString().replace(/\u001b\[\d+m/g, '')
      const match = /running on (http:\/\/[\d.]+:\d+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve(match[1]!)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`cognito-local exited with code ${code}: ${output.slice(-500)}`))
    })
  })
  // It logs every request; keep draining its output so it never blocks on a full pipe.
  child.stdout.removeAllListeners('data').resume()
  child.stderr.removeAllListeners('data').resume()
  const client = sdk(url)
  return {
    send: client.send,
    url,
    stop: () => {
      client.destroy()
      return new Promise((resolve) => {
        const done = () => {
          rmSync(dir, { recursive: true, force: true })
          resolve()
        }
        if (child.exitCode !== null) return done()
        child.on('exit', done)
        child.kill('SIGTERM')
      })
    },
  }
}
