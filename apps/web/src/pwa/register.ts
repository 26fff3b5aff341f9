/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';
import { i18n } from '../i18n/index.ts';

const ASK = {
  zh: '共治有新版本。现在刷新页面吗？（未保存的填写会丢失）',
  en: 'A new version of Gongzhi is ready. Reload now? (Anything not yet saved will be lost.)',
};

/**
 * Registers the service worker built by vite-plugin-pwa (production builds only: main.tsx imports this
 * behind `import.meta.env.PROD`). A new release waits until the person agrees to reload, so a visit
 * half typed on the doorstep is never thrown away by a deployment; declined, it takes over once every
 * tab of the app is closed. Phones that stay open all day look for a release every hour.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  const update = registerSW({
    immediate: true,
    onNeedRefresh() {
      if (window.confirm(i18n.language.startsWith('en') ? ASK.en : ASK.zh)) void update(true);
    },
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => { if (navigator.onLine) void registration.update(); }, 60 * 60 * 1000);
    },
  });
}
