import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createTestContext, DEMO, signIn, type TestContext } from '../../test/harness.ts';
import { withDatabase } from '../../test/global-setup.ts';
import { tableDigest } from '../../test/security/digest.ts';
import { backupDatabase, restoreDatabase } from './backup.ts';

let ctx: TestContext;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gz-backup-'));
const file = path.join(dir, 'gongzhi.dump');
const copyName = `gz_restore_${randomBytes(4).toString('hex')}`;
let admin: pg.Client;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = new pg.Client({ connectionString: inject('testDb').adminUrl });
  await admin.connect();
});
afterAll(async () => {
  await admin?.query(`DROP DATABASE IF EXISTS ${copyName} WITH (FORCE)`);
  await admin?.end();
  await ctx?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const digestOf = async (url: string) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try { return await tableDigest(c, { all: true }); } finally { await c.end(); }
};

describe('backup and restore', () => {
  it('round-trips every row of every table (counts and checksums) into an empty database', async () => {
    // Some fresh writes beyond the seed, so the backup holds more than the template.
    const worker = await signIn(ctx.app, DEMO.worker);
    const home = (await worker.request('GET', '/api/v1/households?limit=1')).json().items[0].id;
    expect((await worker.request('POST', '/api/v1/residents', { householdId: home, name: '备份测试', relation: '其他' })).statusCode).toBe(201);
    const before = await digestOf(ctx.url);
    await backupDatabase(ctx.url, file);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000);

    await admin.query(`CREATE DATABASE ${copyName}`);
    const copyUrl = withDatabase(inject('testDb').adminUrl, copyName);
    await restoreDatabase(copyUrl, file);
    const after = await digestOf(copyUrl);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [table, d] of before) expect(after.get(table), table).toBe(d);
    expect(before.size).toBeGreaterThan(30);
  });

  it('restores over a changed database, back to exactly the backup', async () => {
    const before = await digestOf(ctx.url);
    await ctx.database.pool.query("UPDATE residents SET name = name || '改' WHERE id IN (SELECT id FROM residents LIMIT 5)");
    await ctx.database.pool.query('DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log LIMIT 1)');
    await restoreDatabase(ctx.url, file);
    const after = await digestOf(ctx.url);
    for (const [table, d] of before) expect(after.get(table), table).toBe(d);
  });
});
