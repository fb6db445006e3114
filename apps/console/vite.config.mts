import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The operations console: built into dist/console and served by the platform at /console.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/console/',
  build: { outDir: fileURLToPath(new URL('../../dist/console', import.meta.url)), emptyOutDir: true, chunkSizeWarningLimit: 1500 },
  logLevel: 'warn',
});
