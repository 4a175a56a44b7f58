import type { Preview } from '@storybook/html-vite'
import { setupWorker } from 'msw/browser'
import { mswLoader } from 'msw-storybook-addon/csf3'

/**
 * msw-storybook-addon 3's default setup still passes msw 2's `onUnhandledRequest`, which msw 3 ignores (it would
 * warn about every Storybook asset); this setup uses msw 3's `onUnhandledFrame` instead.
 */
const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker()
      await worker.start({ quiet: true, onUnhandledFrame: 'bypass' })
      return worker
    }),
  ],
}

export default preview
