import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { openDatabase, type Database } from '../src/platform/db/client.ts';
import { Vault } from '../src/platform/crypto/vault.ts';
import { diskStorage, type Storage } from '../src/platform/storage/storage.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withDatabase } from './global-setup.ts';

/** Demo account phones by role (see the README); all share the demo password. */
export const DEMO = {
  admin: '13900000001', district: '13900000002', street: '13900000003', secretary: '13900000004', worker: '13900000005',
  grid: '13900000006', auditor: '13900000007', supervisor: '13900000008', department: '13900000009', socialOrg: '13900000010',
  partner: '13900000011', partyMember: '13900000012', resident: '13900000013', owner: '13900000014',
} as const;
export const DEMO_PASSWORD = 'gongzhi2026';

/** A fresh database cloned from the seeded template, and the app built on it. */
export interface TestContext {
  app: FastifyInstance;
  database: Database;
  vault: Vault;
  storage: Storage;
  url: string;
  /** Moves the app's clock (session expiry, account locks). */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

/** Clones the template into a database of this test file's own and builds the app on it. */
export async function createTestContext(): Promise<TestContext> {
  const { adminUrl, template, secretKey, kind } = inject('testDb');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  const url = withDatabase(adminUrl, name);
  const database = openDatabase(url, { max: 5 });
  const vault = new Vault(Buffer.from(secretKey, 'base64'));
  const clock = { offsetMs: 0 };
  const uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'gongzhi-uploads-'));
  const storage = diskStorage(uploads);
  // GONGZHI_TEST_LOG=1 shows server errors while debugging a failing test.
  const app = await buildApp({ db: database.db, vault, storage, dbKind: kind, now: () => new Date(Date.now() + clock.offsetMs) }, { logger: process.env.GONGZHI_TEST_LOG ? { level: 'error' } : false });
  return {
    app, database, vault, storage, url, clock,
    async close() {
      await app.close();
      await database.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      fs.rmSync(uploads, { recursive: true, force: true });
    },
  };
}

/** A signed-in browser-like client: carries the cookie and the CSRF token on every call. */
export interface Client {
  cookie: string;
  csrf: string;
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
}

/** Signs in through the API and returns a client for that session. */
export async function signIn(app: FastifyInstance, phone: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/session', payload: { phone, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed for ${phone}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  return {
    cookie, csrf,
    request: (method, url, body, headers = {}) => app.inject({
      method: method as 'GET', url, payload: body as object | undefined,
      headers: { cookie, 'x-csrf-token': csrf, ...headers },
    }),
  };
}
