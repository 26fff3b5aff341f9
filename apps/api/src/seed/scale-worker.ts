import { parentPort, workerData } from 'node:worker_threads';
import { Vault } from '../platform/crypto/vault.ts';
import { Rng } from './random.ts';
import { IdNumbers, emitMicrogrid, type CopyTable, type Gen } from './scale-rows.ts';
import type { MicrogridBatchResult, MicrogridJob, WorkerInit } from './scale-threads.ts';

// One generator thread of `seed --scale` (started by scale-threads.ts): it turns micro-grid jobs into
// COPY text, sealing ID numbers and phones itself, which is most of the CPU a city costs.

const init = workerData as WorkerInit;

// The same keys as the caller's vault, so rows are sealed exactly as every other write seals them.
const vault = Object.assign(Object.create(Vault.prototype) as Vault, init.keys);
const today = new Date(init.today);
const ids = new IdNumbers(new Rng(init.seed + 1 + init.index * 7919), today, { index: init.index, of: init.of });

/** Each micro-grid draws from its own generator, so what it holds does not depend on which thread made it. */
const microSeed = (seed: number, micro: number) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(micro + 1, 0xc2b2ae35)) >>> 0;

parentPort!.on('message', (batch: MicrogridJob[]) => {
  const lines = new Map<CopyTable, string[]>();
  const counts = { households: 0, residents: 0, workers: 0 };
  for (const j of batch) {
    const g: Gen = {
      rng: new Rng(microSeed(init.seed, j.micro)), vault, today, ids, passwordHash: init.passwordHash,
      emit: (table, line) => { let l = lines.get(table); if (!l) lines.set(table, (l = [])); l.push(line); },
      developerId: j.developerId, accounts: { '70': j.firstWorker }, counts,
    };
    emitMicrogrid(g, j.m, j.partyGroup, j.compoundAddress, j.no, j.flats, j.occupancy, j.workers);
  }
  const chunks = [...lines].map(([table, l]) => ({ table, rows: l.length, text: `${l.join('\n')}\n` }));
  const result: MicrogridBatchResult = { chunks, counts };
  parentPort!.postMessage(result);
});
