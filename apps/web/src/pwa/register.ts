/// <reference types="vite-plugin-pwa/client" />
import { registerSW } from 'virtual:pwa-register';

/**
 * Registers the service worker built by vite-plugin-pwa (production builds only: main.tsx imports this
 * behind `import.meta.env.PROD`). A new release takes over at once (`autoUpdate`) and the page reloads
 * to it; the update is checked again every hour for phones that stay open all day.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator)) return;
  registerSW({
    immediate: true,
    onRegisteredSW(_url, registration) {
      if (registration) setInterval(() => { if (navigator.onLine) void registration.update(); }, 60 * 60 * 1000);
    },
  });
}
