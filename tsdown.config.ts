import { defineConfig } from 'tsdown'

/**
 * One build for both entries, so `cognito-msw/server` shares the core's chunk instead of carrying a copy. The root
 * entry stays isomorphic: only src/server imports `node:` modules.
 */
export default defineConfig({
  entry: { index: 'src/index.ts', 'server/index': 'src/server/index.ts', 'server/cli': 'src/server/cli.ts' },
  platform: 'node',
  dts: true,
  fixedExtension: false,
  tsconfig: 'tsconfig.lib.json',
})
