import { ApiError, gz, unwrap } from '../../api/client.ts';
import type { RecordVisitBody, VisitListItem, VisitRecord } from './types.ts';

/**
 * The visit log works without a connection: the worker's list is kept in localStorage, and every
 * visit is first written to a queue there with an id made on the phone, then sent when the phone is
 * online. The server stores a visit once per id, so sending one again after a lost answer is safe.
 * Keys carry the user's id, so two people sharing a phone never see or send each other's visits.
 */

/** A visit waiting to be sent, and what the last attempt said when the server refused it. */
export interface QueuedVisit { body: RecordVisitBody; savedAt: string; address: string; error?: { code: string; message: string } }

const listKey = (userId: string) => `gz.visits.list.${userId}`;
const queueKey = (userId: string) => `gz.visits.queue.${userId}`;
const EVENT = 'gz-visits-queue';

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** The last visit list fetched on this phone (for working offline), with when it was fetched. */
export function cachedList(userId: string): { at: string; items: VisitListItem[] } | null {
  return read(listKey(userId), null);
}

export function saveList(userId: string, items: VisitListItem[]): void {
  localStorage.setItem(listKey(userId), JSON.stringify({ at: new Date().toISOString(), items }));
}

/** Visits recorded on this phone and not yet accepted by the server. */
export function queued(userId: string): QueuedVisit[] {
  return read<QueuedVisit[]>(queueKey(userId), []);
}

function writeQueue(userId: string, q: QueuedVisit[]): void {
  localStorage.setItem(queueKey(userId), JSON.stringify(q));
  window.dispatchEvent(new Event(EVENT));
}

/** Calls `fn` whenever the queue changes (in this tab). */
export function onQueueChange(fn: () => void): () => void {
  window.addEventListener(EVENT, fn);
  return () => window.removeEventListener(EVENT, fn);
}

/** A random UUID (v4), also where `crypto.randomUUID` is missing (plain http on a LAN address). */
export function visitId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Saves a visit on the phone first; it is sent by {@link syncVisits}. */
export function enqueue(userId: string, body: RecordVisitBody, address: string): void {
  writeQueue(userId, [...queued(userId), { body, address, savedAt: new Date().toISOString() }]);
}

/** Drops a visit the server refused (after the worker has read why). */
export function discard(userId: string, id: string): void {
  writeQueue(userId, queued(userId).filter((v) => v.body.id !== id));
}

/** What a sync did: visits accepted, refused by the server (kept with the reason), and whether the network failed. */
export interface SyncResult { sent: VisitRecord[]; refused: number; offline: boolean }

let running: Promise<SyncResult> | null = null;

/**
 * Sends the queued visits one by one, oldest first. A visit the server accepted (201) or already had
 * (200, the same id synced before) leaves the queue; one it refused stays with the reason, for the
 * worker to read; a network failure stops the round, to be tried again when the phone is back online.
 */
export function syncVisits(userId: string): Promise<SyncResult> {
  if (running) return running;
  const round = (async () => {
    const result: SyncResult = { sent: [], refused: 0, offline: false };
    // Visits the server has refused wait for the worker to read why; they are not resent on their own.
    for (const item of queued(userId).filter((q) => !q.error)) {
      try {
        const rec: VisitRecord = await unwrap(gz.POST('/api/v1/visits', { body: item.body }));
        result.sent.push(rec);
        writeQueue(userId, queued(userId).filter((v) => v.body.id !== item.body.id));
      } catch (e) {
        const final = e instanceof ApiError && e.status >= 400 && e.status < 500 && !e.isAuthLoss && e.status !== 408 && e.status !== 429;
        if (!final) { result.offline = true; break; }
        result.refused++;
        writeQueue(userId, queued(userId).map((v) => (v.body.id === item.body.id ? { ...v, error: { code: e.code, message: e.message } } : v)));
      }
    }
    return result;
  })();
  running = round;
  const clear = () => { if (running === round) running = null; };
  void round.then(clear, clear);
  return round;
}
