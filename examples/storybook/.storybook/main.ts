import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/html-vite'

const config: StorybookConfig = {
  framework: '@storybook/html-vite',
  stories: ['../src/**/*.stories.ts'],
  // mockServiceWorker.js, written by `msw init public` (this package's postinstall).
  staticDirs: ['../public'],
  core: { disableTelemetry: true },
  async viteFinal(config) {
    config.resolve ??= {}
    // The stories use cognito-msw from this repository's source, with this package's copy of msw.
    config.resolve.alias = {
      ...config.resolve.alias,
      'cognito-msw': fileURLToPath(new URL('../../../src/index.ts', import.meta.url)),
    }
    config.resolve.dedupe = ['msw']
    return config
  },
}

export default config
