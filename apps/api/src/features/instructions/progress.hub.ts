import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.ts';
import { PROGRESS_CHANNEL } from './work.repository.ts';

/** A change is announced at most this often per instruction and process; streams throttle further. */
const NOTIFY_INTERVAL_MS = 250;

type Listener = (instructionId: string) => void;

/**
 * One LISTEN connection per API process, fanned out in memory to every progress stream of that
 * process. The process that wrote an acknowledgement or record announces it with NOTIFY, coalesced
 * per instruction (at most 4 a second, trailing edge, so the last change is always announced), so a
 * change made through any API process reaches streams on all of them. The connection is opened on
 * the first subscriber and re-opened after a loss while anyone still listens.
 */
export class ProgressHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();
  private closed = false;

  private readonly pending = new Map<string, NodeJS.Timeout>();
  private readonly lastSent = new Map<string, number>();

  constructor(private readonly config: pg.ClientConfig, private readonly db: Db) {}

  /** Announces that an instruction's progress changed, to every process (coalesced; never blocks the caller). */
  changed(instructionId: string): void {
    if (this.closed || this.pending.has(instructionId)) return;
    const wait = Math.max(0, (this.lastSent.get(instructionId) ?? 0) + NOTIFY_INTERVAL_MS - Date.now());
    this.pending.set(instructionId, setTimeout(() => {
      this.pending.delete(instructionId);
      this.lastSent.set(instructionId, Date.now());
      if (this.lastSent.size > 10_000) this.lastSent.clear();
      this.db.execute(sql`SELECT pg_notify(${PROGRESS_CHANNEL}, ${instructionId})`).catch((err: unknown) => process.stderr.write(`[instructions] notify failed: ${String(err)}\n`));
    }, wait));
  }

  /** Calls `fn` whenever the instruction changes; returns the unsubscribe function. Resolves once listening. */
  async subscribe(instructionId: string, fn: Listener): Promise<() => void> {
    let set = this.listeners.get(instructionId);
    if (!set) this.listeners.set(instructionId, (set = new Set()));
    set.add(fn);
    await this.ensureConnected();
    return () => {
      set!.delete(fn);
      if (set!.size === 0) this.listeners.delete(instructionId);
    };
  }

  private ensureConnected(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ ...this.config, application_name: 'gongzhi-progress' });
      client.on('notification', (m) => {
        if (m.channel !== PROGRESS_CHANNEL || !m.payload) return;
        for (const fn of this.listeners.get(m.payload) ?? []) fn(m.payload);
      });
      const lost = () => {
        if (this.client !== client) return;
        this.client = null;
        client.end().catch(() => {});
        // Reconnect while streams remain; they refresh on the next change.
        if (!this.closed && this.listeners.size) setTimeout(() => { this.ensureConnected().catch(() => {}); }, 1000).unref();
      };
      client.on('error', lost);
      client.on('end', lost);
      await client.connect();
      await client.query(`LISTEN ${PROGRESS_CHANNEL}`);
      this.client = client;
    })().finally(() => { this.connecting = null; });
    return this.connecting;
  }

  /** Stops listening (on app close). */
  async close() {
    this.closed = true;
    for (const t of this.pending.values()) clearTimeout(t);
    this.pending.clear();
    const c = this.client;
    this.client = null;
    this.listeners.clear();
    if (c) await c.end().catch(() => {});
  }
}
