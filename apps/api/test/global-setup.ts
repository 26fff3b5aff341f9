import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { openDatabase } from '../src/platform/db/client.ts';
import { runMigrations } from '../src/platform/db/migrate.ts';
import { Vault } from '../src/platform/crypto/vault.ts';
import { generateCity } from '../src/seed/demo-city.ts';
import { loadCity } from '../src/seed/load.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { adminUrl: string; template: string; secretKey: string; kind: 'embedded' | 'server' };
  }
}

/** Replaces the database name in a connection string. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Once per run: a PostgreSQL server (embedded in a temp folder, or the one in DATABASE_URL) and a
 * template database, migrated and seeded with the demo city, that each test file clones.
 */
export default async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL;
  const tmp = serverUrl ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-test-'));
  const embedded = tmp ? await startEmbedded(tmp, { quiet: true }) : undefined;
  const adminUrl = serverUrl ?? embedded!.url('postgres');
  const template = `gz_tpl_${randomBytes(4).toString('hex')}`;
  const secretKey = randomBytes(32).toString('base64');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  const database = openDatabase(withDatabase(adminUrl, template), { max: 4 });
  try {
    await runMigrations(database.db);
    await loadCity(database.db, new Vault(Buffer.from(secretKey, 'base64')), generateCity());
  } finally {
    await database.close();
  }
  project.provide('testDb', { adminUrl, template, secretKey, kind: serverUrl ? 'server' : 'embedded' });
  return async () => {
    // Databases the test files made are dropped by them; sweep any left by a crashed worker.
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`, [template, `${template}_%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.end();
    await embedded?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  };
}
