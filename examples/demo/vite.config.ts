import { fileURLToPath } from 'node:url'
import { msw } from 'msw/vite'
import { defineConfig } from 'vite'

/** `npm run demo`: the page in this folder, with the Service Worker script served by msw's Vite plugin. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [msw({ mode: 'worker-only' })],
  resolve: {
    alias: { 'cognito-msw': fileURLToPath(new URL('../../src/index.ts', import.meta.url)) },
  },
  server: { port: 5173 },
})
