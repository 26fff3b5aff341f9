import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { DATA_CACHE, OFFLINE_DATA } from './src/pwa/offlineData.ts';

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

/**
 * The pages a resident's phone opens first: each page's code and everything it imports that the shell
 * does not already carry go into one file per page instead of a dozen small shared chunks (one per antd
 * component, one per icon): on a 150 ms link every request costs a round trip and about a kilobyte of
 * headers. The sign-in page's file comes first and takes what both use, so `/login` never downloads the
 * report page's code; `/report` loads the sign-in file too (its form code, some 9 kB, rides along).
 * Staff pages that import one of these modules load its file too: a few kilobytes on a desktop.
 */
const FIRST_PAGE_GROUPS: ReadonlyArray<{ name: string; pages: RegExp }> = [
  { name: 'signin', pages: /[\\/]src[\\/]features[\\/]auth[\\/]LoginPage\.tsx$/ },
  { name: 'resident', pages: /[\\/]src[\\/]features[\\/]requests[\\/]ReportPage\.tsx$/ },
];

/** The console's own modules (the only ones the first-page groups name; see {@link firstPageGroups}). */
const OWN = /[\\/]apps[\\/]web[\\/]src[\\/]/;

/**
 * Works out, once the module graph is known, which file of {@link FIRST_PAGE_GROUPS} each of the
 * console's own modules goes to: the pages' static imports, transitively, less what the entry loads
 * anyway. Only our own modules are named: a graph walk reaches every module behind a library's
 * re-exporting index, and a module put into a group by name is kept even where tree-shaking would
 * drop it; the libraries a page really uses follow its modules into the group (the bundler includes
 * captured modules' dependencies).
 * `groupOf` answers the code-splitting `test` below (called after the graph is built).
 */
function firstPageGroups() {
  const owner = new Map<string, string>();
  const plugin: Plugin = {
    name: 'gongzhi-first-page-groups',
    apply: 'build',
    buildEnd() {
      owner.clear();
      const ids = [...this.getModuleIds()];
      const reach = (roots: string[], stop: Set<string>) => {
        const seen = new Set<string>();
        const stack = [...roots];
        while (stack.length) {
          const id = stack.pop()!;
          if (seen.has(id) || stop.has(id)) continue;
          seen.add(id);
          stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
        return seen;
      };
      const initial = reach(ids.filter((id) => this.getModuleInfo(id)?.isEntry), new Set());
      for (const g of FIRST_PAGE_GROUPS) {
        for (const id of reach(ids.filter((id) => g.pages.test(id)), initial)) if (!owner.has(id)) owner.set(id, g.name);
      }
    },
  };
  return { plugin, groupOf: (id: string) => (OWN.test(id) ? owner.get(id) ?? null : null) };
}
const firstPages = firstPageGroups();

/**
 * The installable app: a manifest, and a service worker (Workbox, production builds only) that keeps
 * the app shell (index.html and every hashed file) so the console opens with no network, answers app
 * routes with index.html (never /api/ or a missing /assets/ file), and keeps the grid worker's last
 * data (src/pwa/offlineData.ts): fetched from the network first, the cached answer only when the network
 * fails or is slow. Visits recorded offline still wait in the phone's queue (features/visits/offline.ts).
 */
function pwa() {
  return VitePWA({
    // A new release asks before reloading (src/pwa/register.ts): the worker may be halfway through a form.
    registerType: 'prompt',
    // Registered by src/pwa/register.ts, only from a production build.
    injectRegister: false,
    manifestFilename: 'manifest.webmanifest',
    // The icons are precached by `globPatterns` below; listing them here too would list them twice.
    includeManifestIcons: false,
    manifest: {
      id: '/', name: '共治', short_name: '共治', description: '共治 · 社区共建共治共享平台',
      lang: 'zh-CN', start_url: '/', scope: '/', display: 'standalone',
      theme_color: '#1d5fd1', background_color: '#ffffff',
      icons: [
        { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
        { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
        { src: '/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
      ],
    },
    workbox: {
      // The built files only, not their .br/.gz twins (the server picks those by Accept-Encoding).
      globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      // Charts are the office's dashboards, which need live data anyway: not worth a phone's download.
      globIgnores: ['**/echartsSetup-*.js'],
      // The vendor chunk is over Workbox's 2 MiB default; it is the one file the shell cannot go without.
      maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      // One file, no separate workbox-<hash>.js beside it at the root.
      inlineWorkboxRuntime: true,
      cleanupOutdatedCaches: true,
      // The first install serves the page that installed it at once (its data is kept from then on);
      // an update waits for the person's yes (register.ts).
      clientsClaim: true,
      navigateFallback: '/index.html',
      navigateFallbackDenylist: [/^\/api\//, /^\/open311\//, /^\/assets\//],
      runtimeCaching: [{
        urlPattern: OFFLINE_DATA,
        method: 'GET',
        handler: 'NetworkFirst',
        options: {
          cacheName: DATA_CACHE,
          // A phone on one bar waits this long for the network before showing the last answer.
          networkTimeoutSeconds: 4,
          // Only real answers: a 401 after the session ended must never be replayed, nor an error.
          cacheableResponse: { statuses: [200] },
          expiration: { maxEntries: 300, maxAgeSeconds: 14 * 24 * 3600 },
        },
      }],
    },
  });
}

/** Vite config for the Gongzhi web console. */
export default defineConfig({
  root: here,
  plugins: [react(), pwa(), precompress(), firstPages.plugin],
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
            // The sign-in page and the resident's report page, each in one file (see FIRST_PAGE_GROUPS); in
            // that order, so the sign-in file takes what both use and `/login` loads no report code.
            ...FIRST_PAGE_GROUPS.map((g, i) => ({ name: g.name, test: (id: string) => firstPages.groupOf(id) === g.name, priority: 1 - i / 10 })),
          ],
        },
      },
    },
  },
});
