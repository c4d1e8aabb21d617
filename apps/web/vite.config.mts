import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The API serves the built app at /app (apps/api/src/web/web.module.ts), so
// its client routes never meet the API's own routes (/nominations/:id, …).
// React's JSX goes through Vite's own transform (automatic runtime): no
// plugin needed for a production build.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      // Ant Design marks its modules "use client" for React Server Components; a browser bundle can ignore it.
      onLog(level, log, handler) {
        if (log.code === 'MODULE_LEVEL_DIRECTIVE') return;
        handler(level, log);
      },
    },
  },
  server: {
    // `npm run web:dev`: the API on :3000 answers every non-/app path.
    proxy: Object.fromEntries(
      ['/auth', '/me', '/directory', '/nominations', '/tasks', '/audit', '/health', '/views', '/overview'].map((p) => [
        p,
        'http://127.0.0.1:3000',
      ]),
    ),
  },
});
