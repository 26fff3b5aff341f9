import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Vault } from '../platform/crypto/vault.ts';
import type { CopyTable } from './scale-rows.ts';
import type { ScaleRegion } from './scale-shape.ts';

/** One micro-grid as the tree walk hands it to a generator thread (`emitMicrogrid`'s arguments). */
export interface MicrogridJob {
  m: ScaleRegion; partyGroup: string; compoundAddress: string; no: number; flats: number; occupancy: number; workers: number;
  /** The micro-grid's index in the whole walk: seeds its own generator. */
  micro: number;
  /** Micro-grid worker accounts made before this micro-grid (their phones are numbered in walk order). */
  firstWorker: number;
  developerId: string;
}

/** What a thread starts with: the vault's keys, the run's seed and today, its share of the ID-number space. */
export interface WorkerInit {
  keys: { encKey: Uint8Array; macKey: Uint8Array };
  seed: number; today: string; passwordHash: string;
  index: number; of: number;
}

/** COPY text per table for one batch of micro-grids, and the people in it. */
export interface MicrogridBatchResult {
  chunks: { table: CopyTable; rows: number; text: string }[];
  counts: { households: number; residents: number; workers: number };
}

/** Micro-grids per message: enough to make the message cost nothing, few enough to keep memory flat. */
const BATCH = 16;
/** Batches a thread may hold at once: one being made, one waiting, so no thread idles between them. */
const IN_FLIGHT = 2;

// Worker threads start as plain Node: the bootstrap registers tsx's loader in the thread (as
// bin/gongzhi.mjs does for the process) before importing the TypeScript worker module.
const BOOT = `const { workerData } = require('node:worker_threads');
import(workerData.tsx).then((m) => { m.register(); return import(workerData.entry); }).catch((err) => { setImmediate(() => { throw err; }); });`;

/** Threads to use: one per core (`GONGZHI_SEED_THREADS` overrides). */
export function seedThreads(): number {
  const n = Number(process.env.GONGZHI_SEED_THREADS ?? os.availableParallelism());
  return Math.max(1, Math.floor(n));
}

/**
 * The generator threads of a scale seed. Each owns every `of`-th batch of micro-grids in walk order
 * (its share: the assignment is fixed, so a run is reproducible for a given thread count) and every
 * `of`-th ID-number sequence number. Results come back as COPY text, handed to `onResult` on the main
 * thread, which only streams it to the COPY connections.
 */
export class MicrogridThreads {
  private readonly workers: Worker[] = [];
  private readonly inFlight: number[];
  private readonly waiters: (() => void)[][];
  private batch: MicrogridJob[] = [];
  private batches = 0;
  private failure: Error | null = null;
  private readonly settled: Promise<void>[] = [];

  constructor(vault: Vault, opts: { seed: number; today: Date; passwordHash: string; threads: number }, private readonly onResult: (r: MicrogridBatchResult) => void) {
    // The vault's derived keys (not the master key) go to threads of this same process only.
    const keys = vault as unknown as { encKey: Buffer; macKey: Buffer };
    // tsx's ESM API module (what `import 'tsx/esm/api'` loads; its CommonJS twin registers a wrong path).
    const tsx = pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
    const entry = new URL('./scale-worker.ts', import.meta.url).href;
    this.inFlight = Array.from({ length: opts.threads }, () => 0);
    this.waiters = Array.from({ length: opts.threads }, () => []);
    for (let i = 0; i < opts.threads; i++) {
      const init: WorkerInit = {
        keys: { encKey: new Uint8Array(keys.encKey), macKey: new Uint8Array(keys.macKey) },
        seed: opts.seed, today: opts.today.toISOString(), passwordHash: opts.passwordHash, index: i, of: opts.threads,
      };
      const w = new Worker(BOOT, { eval: true, workerData: { ...init, tsx, entry } });
      w.on('message', (r: MicrogridBatchResult) => {
        this.onResult(r);
        this.inFlight[i]!--;
        this.waiters[i]!.shift()?.();
      });
      w.on('error', (err) => { this.failure ??= err; this.wakeAll(); });
      this.settled.push(new Promise((resolve) => w.once('exit', () => resolve())));
      this.workers.push(w);
    }
  }

  /** Queues one micro-grid; waits while the thread its batch belongs to already holds IN_FLIGHT batches. */
  async add(job: MicrogridJob): Promise<void> {
    this.batch.push(job);
    if (this.batch.length >= BATCH) await this.send();
  }

  /** Sends what is queued and waits until every thread has answered for everything it was sent. */
  async finish(): Promise<void> {
    if (this.batch.length) await this.send();
    for (let i = 0; i < this.workers.length; i++) {
      while (this.inFlight[i]! > 0) { this.check(); await new Promise<void>((r) => this.waiters[i]!.push(r)); }
    }
    this.check();
  }

  /** Stops the threads (after `finish`, or after a failure). */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
    await Promise.all(this.settled);
  }

  private async send(): Promise<void> {
    const i = this.batches++ % this.workers.length;
    while (this.inFlight[i]! >= IN_FLIGHT) { this.check(); await new Promise<void>((r) => this.waiters[i]!.push(r)); }
    this.check();
    const jobs = this.batch;
    this.batch = [];
    this.inFlight[i]!++;
    this.workers[i]!.postMessage(jobs);
  }

  private check() { if (this.failure) throw this.failure; }

  private wakeAll() { for (const q of this.waiters) for (const w of q.splice(0)) w(); }
}
