import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
// The API runs beside the dev server; proxying keeps the session cookie same-origin, as in production
// where the API serves the built console itself.
const api = 'http://localhost:3000';

/** Vite config for the Gongzhi web console. */
export default defineConfig({
  root: here,
  plugins: [react()],
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/open311': { target: api, changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/open311': { target: api, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is several hundred kB; pages are lazy chunks, so only the shell counts against this.
    chunkSizeWarningLimit: 1200,
  },
});
