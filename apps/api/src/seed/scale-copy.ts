import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_COLUMNS, COPY_TABLES, type CopyTable } from './scale-rows.ts';

/** How a bulk load treats secondary indexes: drop and rebuild after the rows (faster at scale) or keep them. */
export type IndexMode = 'rebuild' | 'keep';

const FLUSH_BYTES = 256 * 1024;

/**
 * One table's load on its own connection and transaction: secondary indexes dropped (when rebuilding),
 * COPY FROM STDIN, indexes created again, commit. A load that fails rolls its table back whole, with
 * its indexes. Foreign-key triggers are off for the session (`session_replication_role = replica`,
 * as pg_restore does) because parents and children stream at the same time on different connections
 * and the generator makes every reference itself; this needs a superuser, which both the embedded
 * server's and the usual server's `postgres` role are.
 */
export class TableLoad {
  readonly client: pg.Client;
  rows = 0;
  copyEndedAt = 0;
  private stream: Writable | null = null;
  private done: Promise<unknown> | null = null;
  private buf: string[] = [];
  private bytes = 0;
  private tee: fs.WriteStream | null = null;
  private indexDefs: string[] = [];

  constructor(readonly table: CopyTable, url: string, private readonly indexes: IndexMode) {
    this.client = new pg.Client({ connectionString: url, application_name: `gongzhi-seed-${table}` });
  }

  /** Connects, opens the transaction, drops the secondary indexes and starts COPY. */
  async open(teeDir?: string): Promise<void> {
    await this.client.connect();
    await this.client.query("BEGIN; SET LOCAL session_replication_role = replica; SET LOCAL synchronous_commit = off; SET LOCAL maintenance_work_mem = '256MB'");
    if (this.indexes === 'rebuild') {
      this.indexDefs = await dropSecondaryIndexes(this.client, this.table);
    }
    if (teeDir) this.tee = fs.createWriteStream(path.join(teeDir, `${this.table}.tsv`));
    this.stream = this.client.query(copyFrom(copySql(this.table)));
    this.done = once(this.stream, 'finish');
  }

  /** Queues one row; returns true when the caller should wait for `drain()` before generating more. */
  push(line: string): boolean {
    this.buf.push(line);
    this.bytes += line.length;
    this.rows++;
    return this.bytes >= FLUSH_BYTES ? this.flush() : false;
  }

  private flush(): boolean {
    if (!this.buf.length) return false;
    this.buf.push('');
    const chunk = this.buf.join('\n');
    this.buf = [];
    this.bytes = 0;
    const teeFull = this.tee ? !this.tee.write(chunk) : false;
    return !this.stream!.write(chunk) || teeFull;
  }

  /** Resolves once the COPY stream (and the copy file) can take more. */
  async drain(): Promise<void> {
    if (this.stream!.writableNeedDrain) await once(this.stream!, 'drain');
    if (this.tee?.writableNeedDrain) await once(this.tee, 'drain');
  }

  /** Ends COPY, rebuilds the indexes and commits; the timestamps say where the time went. */
  async finish(): Promise<void> {
    this.flush();
    this.stream!.end();
    if (this.tee) { this.tee.end(); await once(this.tee, 'finish'); }
    await this.done;
    this.copyEndedAt = Date.now();
    for (const def of this.indexDefs) await this.client.query(def);
    await this.client.query('COMMIT');
    await this.client.end();
  }

  /** Rolls back and disconnects after a failure elsewhere. */
  async abort(): Promise<void> {
    this.stream?.destroy();
    this.tee?.destroy();
    try { await this.client.query('ROLLBACK'); } catch { /* the connection may already be gone */ }
    await this.client.end().catch(() => undefined);
  }
}

function copySql(table: CopyTable): string {
  return `COPY ${table} (${COPY_COLUMNS[table].join(', ')}) FROM STDIN`;
}

/**
 * Drops the table's secondary indexes inside the caller's transaction and returns the statements
 * that create them again. Indexes backing a constraint (the primary key) stay: ids arrive in time
 * order, so keeping it costs little, and dropping it would need the referencing tables' foreign keys.
 */
async function dropSecondaryIndexes(client: pg.Client, table: string): Promise<string[]> {
  const res = await client.query<{ name: string; def: string }>(
    `SELECT quote_ident(ci.relname) AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_class ci ON ci.oid = i.indexrelid
      WHERE c.relname = $1 AND c.relnamespace = 'public'::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`, [table]);
  for (const r of res.rows) await client.query(`DROP INDEX ${r.name}`);
  return res.rows.map((r) => r.def);
}

/** Per-table row counts and rates printed while a load runs, plus the process's memory. */
export function progressPrinter(loads: () => TableLoad[], startedAt: number, write: (s: string) => void, everyMs = 5000) {
  let last = new Map<string, number>();
  let lastAt = startedAt;
  let peakRss = 0;
  const tick = () => {
    const now = Date.now();
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    const parts = loads().filter((l) => l.rows > 1000).map((l) => {
      const rate = ((l.rows - (last.get(l.table) ?? 0)) * 1000) / Math.max(1, now - lastAt);
      return `${l.table} ${l.rows.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s)`;
    });
    last = new Map(loads().map((l) => [l.table, l.rows]));
    lastAt = now;
    write(`[seed ${Math.round((now - startedAt) / 1000)}s rss ${Math.round(rss / 2 ** 20)} MB] ${parts.join(' · ')}\n`);
  };
  const memo = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 250);
  const timer = setInterval(tick, everyMs);
  return { stop: () => { clearInterval(timer); clearInterval(memo); return Math.max(peakRss, process.memoryUsage().rss); } };
}

/** Timings of a raw COPY of previously generated rows. */
export interface RawCopyResult { copySeconds: number; totalSeconds: number; rows: Record<string, number> }

/**
 * COPYs the files a seed wrote with `tee` into the same tables of another (migrated, empty)
 * database, one connection per table in parallel, exactly as the seed loads them — the baseline
 * that tells generation apart from the database's own loading time.
 */
export async function rawCopy(url: string, dir: string, indexes: IndexMode = 'rebuild'): Promise<RawCopyResult> {
  const t0 = Date.now();
  const rows: Record<string, number> = {};
  let copyEnd = 0;
  await Promise.all(COPY_TABLES.map(async (table) => {
    const file = path.join(dir, `${table}.tsv`);
    if (!fs.existsSync(file)) return;
    const client = new pg.Client({ connectionString: url, application_name: `gongzhi-rawcopy-${table}` });
    await client.connect();
    try {
      await client.query("BEGIN; SET LOCAL session_replication_role = replica; SET LOCAL synchronous_commit = off; SET LOCAL maintenance_work_mem = '256MB'");
      const defs = indexes === 'rebuild' ? await dropSecondaryIndexes(client, table) : [];
      const copy = client.query(copyFrom(copySql(table)));
      await pipeline(fs.createReadStream(file, { highWaterMark: FLUSH_BYTES }), copy);
      rows[table] = copy.rowCount;
      copyEnd = Math.max(copyEnd, Date.now());
      for (const def of defs) await client.query(def);
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      await client.end();
    }
  }));
  return { copySeconds: (copyEnd - t0) / 1000, totalSeconds: (Date.now() - t0) / 1000, rows };
}
