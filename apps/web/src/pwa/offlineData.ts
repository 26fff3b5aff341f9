/**
 * The worker's data the service worker keeps for opening pages with no network (vite.config.ts builds
 * the service worker from these): the session, the visits list, household details and the tasks. Kept in
 * one named cache so signing out (or in as someone else) can drop it whole: a phone passed between people
 * must never show one person's households to the next, even offline.
 */

/** The Cache Storage name of the worker's cached API answers. */
export const DATA_CACHE = 'gz-data-v1';

/**
 * The GET URLs whose last answer may be shown offline, matched against the whole URL as Workbox does
 * (it is copied into the service worker as text, so it must be a plain RegExp). The path
 * starts right after the origin (the look-behind), so the match never starts at 0 and Workbox applies it
 * to our own origin only. Anything else under /api/ (admin lists, other people's records) always goes
 * to the network.
 */
export const OFFLINE_DATA = /(?<=^https?:\/\/[^/]+)\/api\/v1\/(?:session|visits\/list|households\/[^/?]+|instructions\/inbox|instructions\/[^/?]+\/(?:mine|households)|inbox|inbox\/unread-count)(?:\?[^#]*)?$/;

/** Drops every cached API answer (the app shell stays: it holds nobody's data). Never throws. */
export async function clearOfflineData(): Promise<void> {
  try {
    if (typeof caches !== 'undefined') await caches.delete(DATA_CACHE);
  } catch {
    // No Cache Storage (an old browser, a private window): there is nothing to clear.
  }
}
