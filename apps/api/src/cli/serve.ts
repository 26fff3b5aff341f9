import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { connect } from '../platform/db/connection.ts';
import { loadVault } from '../platform/crypto/vault.ts';
import { ensureAdmin } from '../platform/auth/bootstrap.ts';
import { buildApp } from '../app.ts';
import { diskStorage } from '../platform/storage/storage.ts';
import { seedDemoIfEmpty } from './seed.ts';
import { startWorker } from '../platform/jobs/worker.ts';
import { logAdapter } from '../platform/outbox/outbox.ts';
import { TIMER_HANDLERS } from '../timers.ts';
import { housekeeping } from '../housekeeping.ts';

const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

/** Starts everything: database (embedded or DATABASE_URL), migrations, first-start seed, HTTP server. */
export async function serve(opts: { demo: boolean }) {
  const config = loadConfig();
  const database = await connect(config);
  const vault = loadVault(config.dataDir);
  if (opts.demo) await seedDemoIfEmpty(database.db, vault);
  const created = await ensureAdmin(database.db, vault, { phone: config.adminPhone, password: config.adminPassword });
  if (created) {
    process.stdout.write(`\n  初始管理员 / initial administrator — shown once, write it down:\n    phone ${created.phone}\n    password ${created.password}\n\n`);
  }
  const app = await buildApp({ db: database.db, vault, storage: diskStorage(path.join(config.dataDir, 'uploads')), dbKind: database.kind, webDist }, {
    logger: { level: process.env.LOG_LEVEL ?? 'info' },
    trustProxy: process.env.GONGZHI_TRUST_PROXY === 'true' ? true : process.env.GONGZHI_TRUST_PROXY || false,
  });
  const worker = startWorker(database.db, { handlers: TIMER_HANDLERS, adapter: logAdapter((line) => app.log.info(line)), housekeeping: () => housekeeping(database.db), onError: (err) => app.log.error({ err }, 'background worker') });
  let closing = false;
  const stop = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: shutting down`);
    await worker.stop();
    await app.close();
    await database.shutdown();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  process.stderr.write(`Gongzhi 共治 is running: http://localhost:${config.port}  (API docs: /api/docs, database: ${database.kind})\n`);
}
