import { defineConfig } from 'tsdown'

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    platform: 'neutral',
    dts: true,
    fixedExtension: false,
    tsconfig: 'tsconfig.lib.json',
  },
  {
    entry: { 'server/index': 'src/server/index.ts', 'server/cli': 'src/server/cli.ts' },
    platform: 'node',
    dts: true,
    fixedExtension: false,
    tsconfig: 'tsconfig.lib.json',
  },
])
