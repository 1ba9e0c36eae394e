// Vite build of the Karta Explorer (index.html) and the bundled GraphiQL
// (graphiql.html). The output in dist/ is committed and embedded into the Go
// binary (web/embed.go): `make ui` rebuilds it, `make check-ui` fails when it
// is stale. Everything is served by karta itself — no CDN.
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  base: '/',
  server: {
    fs: { allow: ['..'] },
    proxy: { '/graphql': 'http://localhost:8080', '/maps': 'http://localhost:8080' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // One CSS file per entry; graph drawing and GraphiQL stay in their own chunks.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      input: {
        main: 'index.html',
        graphiql: 'graphiql.html',
      },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
