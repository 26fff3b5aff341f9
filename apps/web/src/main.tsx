import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './i18n/index.ts';
import './styles.css';
import { App } from './App.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// The service worker (offline app shell and the worker's last data) exists only in a build: in Vite's
// dev server it would cache modules that change on every edit. Registered once the page has loaded:
// installing it fetches the whole app shell, which on a phone's first visit over a slow link must not
// compete with the page the person opened.
if (import.meta.env.PROD) {
  const register = () => void import('./pwa/register.ts').then((m) => m.registerServiceWorker());
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
