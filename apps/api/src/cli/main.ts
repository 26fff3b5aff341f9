import { Command } from 'commander';
import { ROLES, type Role } from '@gongzhi/core';
import { loadConfig } from '../config.ts';
import { connect } from '../platform/db/connection.ts';
import { loadVault } from '../platform/crypto/vault.ts';
import { SYSTEM_ACTOR } from '../platform/authz/actor.ts';
import { AppError } from '../platform/errors/app-error.ts';
import { errorMessage } from '@gongzhi/contracts';
import { createUser } from '../features/users/users.service.ts';
import { regionByCode } from '../features/org/region.service.ts';
import { createOpen311Key, listOpen311Keys, revokeOpen311Key } from '../features/open311/open311.keys.ts';
import { soleDistrict } from '../features/open311/open311.jurisdiction.ts';
import { serve } from './serve.ts';
import { openapiDocument } from './openapi.ts';
import { backupCommand } from './backup.ts';
import { checkBoundaries } from './check-boundaries.ts';
import { retrainTriage } from '../features/requests/triage.service.ts';
import { seedDemoIfEmpty } from './seed.ts';
import { journal } from '../features/funds/funds.journal.ts';
import { SCALES, seedAtScale, type Scale } from '../seed/scale.ts';

/** Runs `fn` with a migrated database; an embedded server this command had to start is stopped after. */
async function withDatabase<T>(fn: (db: Awaited<ReturnType<typeof connect>>) => Promise<T>): Promise<T> {
  const database = await connect(loadConfig(), { quiet: true, max: 4 });
  try {
    return await fn(database);
  } finally {
    await database.shutdown();
  }
}

const program = new Command('gongzhi').description('Gongzhi 共治 — operator commands (GONGZHI_DATA, DATABASE_URL and PORT as for the server)');

program.command('serve').description('run the API and web console (the default for npm start)')
  .option('--no-demo', 'do not seed the demo city on an empty database')
  .action(async (o: { demo: boolean }) => serve({ demo: o.demo && process.env.GONGZHI_DEMO !== '0' }));

program.command('openapi').description('print the OpenAPI document of the API (no database needed); the web client is typed from it')
  .action(async () => { process.stdout.write(`${JSON.stringify(await openapiDocument(), null, 2)}\n`); });

program.command('migrate').description('apply pending database migrations').action(async () => {
  await withDatabase(async (d) => process.stderr.write(`migrations applied (${d.kind} database)\n`));
});

program.command('seed').description('seed the demo city, or a synthetic organisation with --scale (only on an empty database)')
  .option('--scale <scale>', `generate a synthetic city at scale: ${SCALES.join(' | ')} (COPY bulk load; see README)`)
  .action(async (o: { scale?: string }) => {
    if (o.scale !== undefined && !(SCALES as readonly string[]).includes(o.scale)) throw new Error(`unknown scale ${o.scale}; one of ${SCALES.join(', ')}`);
    await withDatabase(async (d) => {
      if (o.scale) { await seedAtScale(d, loadVault(loadConfig().dataDir), o.scale as Scale); return; }
      const done = await seedDemoIfEmpty(d.db, loadVault(loadConfig().dataDir));
      if (!done) process.stderr.write('the database already has regions; nothing seeded\n');
    });
  });

program.command('check-boundaries').description('report every region outside its parent and every pair of overlapping regions of one level; exits 1 when any exist')
  .action(async () => {
    const code = await withDatabase(async (d) => checkBoundaries(d.db, (s) => process.stdout.write(s), (s) => process.stderr.write(s)));
    process.exitCode = code;
  });

const user = program.command('user').description('manage accounts');
user.command('create').description('create an account with one role')
  .requiredOption('--name <name>', 'display name').requiredOption('--phone <phone>', 'mobile phone (sign-in name)')
  .requiredOption('--password <password>', '8+ characters with letters and digits')
  .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
  .option('--region <code>', 'region code the role is bound to').option('--organisation <id>', 'organisation id the role is bound to')
  .action(async (o: { name: string; phone: string; password: string; role: string; region?: string; organisation?: string }) => {
    if (!(ROLES as readonly string[]).includes(o.role)) throw new Error(`unknown role ${o.role}; one of ${ROLES.join(', ')}`);
    await withDatabase(async (d) => {
      let regionId: string | undefined;
      if (o.region) {
        const r = await regionByCode(d.db, o.region);
        if (!r) throw new Error(`no region with code ${o.region}`);
        regionId = r.id;
      }
      const created = await createUser(d.db, loadVault(loadConfig().dataDir), SYSTEM_ACTOR, {
        name: o.name, phone: o.phone, password: o.password, grants: [{ role: o.role as Role, regionId, organisationId: o.organisation }],
      });
      process.stdout.write(`${JSON.stringify({ id: created.id, name: created.name, phone: created.phoneMasked, role: o.role })}\n`);
    });
  });

const triage = program.command('triage').description('the three-way sorting suggester');
triage.command('retrain').description('retrain from the shipped corpus plus staff corrections; prints the new model as JSON')
  .action(async () => {
    await withDatabase(async (d) => {
      const result = await retrainTriage(d.db, SYSTEM_ACTOR);
      process.stdout.write(`${JSON.stringify(result)}\n`);
    });
  });

const open311 = program.command('open311-key').description('manage Open311 GeoReport v2 API keys');
open311.command('create <name>').description('create a key for a district; the key is printed once on stdout')
  .option('--district <code>', 'district code (jurisdiction_id), e.g. 510108; optional when there is one district')
  .action(async (name: string, o: { district?: string }) => {
    await withDatabase(async (d) => {
      const districtCode = o.district ?? (await soleDistrict(d.db));
      if (!districtCode) throw new Error('there are several districts: give --district <code>');
      const k = await createOpen311Key(d.db, SYSTEM_ACTOR, { name, districtCode });
      // Only the key goes to stdout, so `KEY=$(npx gongzhi open311-key create app)` captures it.
      process.stderr.write(`Open311 key "${k.name}" for district ${k.districtCode} (id ${k.id}); it is not stored and cannot be shown again\n`);
      process.stdout.write(`${k.key}\n`);
    });
  });
open311.command('list').description('list keys (one JSON line each; never the keys themselves)').action(async () => {
  await withDatabase(async (d) => {
    for (const k of await listOpen311Keys(d.db, SYSTEM_ACTOR)) process.stdout.write(`${JSON.stringify(k)}\n`);
  });
});
open311.command('revoke <id>').description('revoke a key at once').action(async (id: string) => {
  await withDatabase(async (d) => revokeOpen311Key(d.db, SYSTEM_ACTOR, id));
});

program.command('export-ledger').description('write the funds ledger as an hledger journal to stdout (e.g. > funds.journal)')
  .option('--fund <code>', 'one fund by its code (default: every fund)')
  .action(async (o: { fund?: string }) => {
    await withDatabase(async (d) => {
      // Only the journal goes to stdout; it streams, so a large ledger never sits in memory.
      for await (const piece of journal(d.db, o.fund)) {
        if (!process.stdout.write(piece)) await new Promise((resolve) => process.stdout.once('drain', resolve));
      }
    });
  });

program.command('backup <file>').description('write the whole database (embedded or DATABASE_URL) to a file (pg_dump custom format)')
  .action(async (file: string) => backupCommand(loadConfig(), 'backup', file));
program.command('restore <file>').description('replace the database with a backup, in one transaction (stop the server first)')
  .action(async (file: string) => backupCommand(loadConfig(), 'restore', file));

program.parseAsync(process.argv).catch((err: unknown) => {
  const message = err instanceof AppError ? `${err.code}: ${errorMessage(err.code, 'zh-CN', err.params)}` : err instanceof Error ? err.message : String(err);
  process.stderr.write(`gongzhi: ${message}\n`);
  process.exit(1);
});
