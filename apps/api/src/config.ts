import path from 'node:path';

/** Process-level settings, read once from the environment. */
export interface Config {
  /** HTTP port of the API and web console. */
  port: number;
  /** Folder for the embedded database, the secret key and uploads. */
  dataDir: string;
  /** When set, use this PostgreSQL server and start nothing. */
  databaseUrl: string | undefined;
  adminPhone: string | undefined;
  adminPassword: string | undefined;
}

/** Reads the configuration from environment variables (PORT, GONGZHI_DATA, DATABASE_URL, GONGZHI_ADMIN_*). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  return {
    port,
    dataDir: path.resolve(env.GONGZHI_DATA ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    adminPhone: env.GONGZHI_ADMIN_PHONE || undefined,
    adminPassword: env.GONGZHI_ADMIN_PASSWORD || undefined,
  };
}

/** How far the funds ledger's dates may reach back (see @gongzhi/core ledgerPeriod). */
export interface LedgerConfig {
  /** Days before today (China time) an entry's own date may lie; GONGZHI_LEDGER_BACKDATE_DAYS, default 366. */
  backdateDays: number;
}

/** Reads the ledger's date window from the environment (GONGZHI_LEDGER_BACKDATE_DAYS). */
export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const raw = env.GONGZHI_LEDGER_BACKDATE_DAYS;
  const backdateDays = raw === undefined || raw === '' ? 366 : Number(raw);
  if (!Number.isInteger(backdateDays) || backdateDays < 0 || backdateDays > 3660) {
    throw new Error(`GONGZHI_LEDGER_BACKDATE_DAYS must be a whole number of days from 0 to 3660, got ${raw}`);
  }
  return { backdateDays };
}
