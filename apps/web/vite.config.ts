import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

const here = fileURLToPath(new URL('.', import.meta.url));
// The API runs beside the dev server; proxying keeps the session cookie same-origin, as in production
// where the API serves the built console itself.
const api = 'http://localhost:3000';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
/** Modules free of import-time effects, though their packages do not say so (see `treeshake`). */
const PURE = /[\\/]packages[\\/]core[\\/]src[\\/]|[\\/]node_modules[\\/](polyclip-ts|splaytree-ts|bignumber\.js|@turf)[\\/]/;
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible built file, at maximum compression:
 * done once at build, so the API only picks the variant the browser accepts (@fastify/static's
 * `preCompressed`) and never compresses per request. A variant no smaller than its file is not written.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'gongzhi-precompress',
    apply: 'build',
    configResolved(config) { outDir = path.resolve(config.root, config.build.outDir); },
    async closeBundle() {
      const files = (fs.readdirSync(outDir, { recursive: true }) as string[])
        .filter((f) => COMPRESSIBLE.test(f) && fs.statSync(path.join(outDir, f)).isFile());
      await Promise.all(files.map(async (f) => {
        const file = path.join(outDir, f);
        const raw = fs.readFileSync(file);
        const [br, gz] = await Promise.all([
          brotli(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
          gzip(raw, { level: zlib.constants.Z_BEST_COMPRESSION }),
        ]);
        if (br.length < raw.length) fs.writeFileSync(`${file}.br`, br);
        if (gz.length < raw.length) fs.writeFileSync(`${file}.gz`, gz);
      }));
    },
  };
}

/** Vite config for the Gongzhi web console. */
export default defineConfig({
  root: here,
  plugins: [react(), precompress()],
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
    rolldownOptions: {
      treeshake: {
        // Our pure domain package and the libraries only its server-side rules use have no import-time
        // effects: a page that takes one label from @gongzhi/core must not ship its geometry and decimals.
        moduleSideEffects: (id) => (PURE.test(id) ? false : undefined),
      },
      output: {
        codeSplitting: {
          groups: [
            // Everything the first paint needs from libraries (React, the router, antd's core), and then
            // our own shell, i18n and API client: two files, not two dozen round trips on a phone's
            // 150 ms link. Pages stay lazy chunks of their own (App.tsx).
            { name: 'vendor', test: /node_modules/, tags: ['$initial'], priority: 3 },
            { name: 'app', tags: ['$initial'], priority: 2 },
          ],
        },
      },
    },
  },
});
