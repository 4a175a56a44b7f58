#!/usr/bin/env node
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { CognitoOptions } from '../types.ts'
import { readSeedFile } from './seed-file.ts'
import { startServer } from './start-server.ts'

const USAGE = `Usage: cognito-msw [options]

Serves an emulated Amazon Cognito user pools API (AWS JSON 1.1 on POST /).

Options:
  --port <number>    Port to listen on (default 4566; 0 picks a free port)
  --host <address>   Interface to listen on (default 127.0.0.1; 0.0.0.0 for all)
  --region <region>  Region of new user pools (default us-east-1)
  --functions <file>  Lambda triggers: a module whose default export maps function ARNs to functions
                     (and whose optional "triggers" export applies to every pool)
  --state <file>     Keep the state in this JSON file: loaded at start if it exists, saved after every
                     change before it is answered (signing keys included, so tokens survive restarts)
  --seed <file>      Pools, app clients, groups and users to start with (JSON, or YAML for .yaml/.yml);
                     a --state file that exists wins over it
  -h, --help         Show this help

Also answers POST /_cognito/reset (empty the state, then seed it again), GET /_cognito/outbox (messages Cognito
would have sent), GET /_cognito/state (pools, clients, groups and users as JSON) and GET /_cognito/ (a page
showing both, updated every second).`

/** Runs the `cognito-msw` command: parses the arguments, starts the server, stops it on SIGINT/SIGTERM. */
async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      region: { type: 'string' },
      state: { type: 'string' },
      seed: { type: 'string' },
      functions: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const port = values.port === undefined ? 4566 : Number(values.port)
  const server = await startServer({
    port,
    host: values.host ?? '127.0.0.1',
    cognito: {
      region: values.region ?? 'us-east-1',
      ...(values.seed === undefined ? {} : { seed: await readSeedFile(values.seed) }),
      ...(values.functions ? await loadFunctions(values.functions) : {}),
    },
    ...(values.state === undefined ? {} : { stateFile: values.state }),
  })
  const state = values.state === undefined ? '' : `, state in ${values.state}`
  console.log(`cognito-msw listening on ${server.url} (region ${server.cognito.region}${state})`)
  const stop = (signal: string) => {
    console.log(`cognito-msw: ${signal} received, stopping`)
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`cognito-msw: ${error.message}`)
  console.error('Run "cognito-msw --help" for the options.')
  process.exit(1)
})

/** Loads `--functions <file>`: its default export maps ARNs to functions; a `triggers` export is the shortcut. */
async function loadFunctions(file: string): Promise<Pick<CognitoOptions, 'functions' | 'triggers'>> {
  const module = (await import(pathToFileURL(resolve(file)).href)) as {
    default?: CognitoOptions['functions']
    triggers?: CognitoOptions['triggers']
  }
  if (module.default === undefined && module.triggers === undefined) {
    throw new Error(`--functions ${file} exports neither a default map of ARNs to functions nor "triggers".`)
  }
  return {
    ...(module.default ? { functions: module.default } : {}),
    ...(module.triggers ? { triggers: module.triggers } : {}),
  }
}
