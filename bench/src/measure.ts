/** One benchmark figure as `npm run bench` prints it: a JSON line with the baseline from the same run. */
export interface Figure { bench: string; unit: string; value: number; baseline: number; ratio: number; [extra: string]: unknown }

/** Runs `fn` `warmup` times unmeasured, then `runs` times, and returns per-call times in ms, sorted. */
export async function timeCalls(fn: () => Promise<unknown>, runs: number, warmup = Math.ceil(runs / 10)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    await fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return times.sort((a, b) => a - b);
}

/** The q-quantile of sorted numbers (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Prints one figure as a JSON line on stdout. */
export function report(bench: string, unit: string, value: number, baseline: number, extra: Record<string, unknown> = {}): Figure {
  // Three significant digits: a ratio of 0.0012 must not print as 0.
  const fig: Figure = { bench, unit, value: round(value), baseline: round(baseline), ratio: Number((value / baseline).toPrecision(3)), ...extra };
  process.stdout.write(`${JSON.stringify(fig)}\n`);
  return fig;
}

/**
 * Times one call on the monotonic high-resolution clock. autocannon reports `duration` in whole
 * seconds, so a fixed number of requests divided by it reads 2,500 or 5,000 requests/s and nothing
 * between: a bench that counts a fixed number of requests divides by this instead.
 */
export async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9 };
}

/** Something that answers SQL: a pg pool is one. */
interface Queryable { query(text: string): Promise<{ rows: Array<Record<string, unknown>> }> }

/**
 * Runs `fn` while counting, every `everyMs`, the server's backends that wait on a lock (a hot row's
 * writers queue there). Returns the samples with `fn`'s result, so a bench can print how many of its
 * connections sat waiting on average.
 */
export async function lockWaitsDuring<T>(db: Queryable, fn: () => Promise<T>, everyMs = 25): Promise<{ result: T; samples: number[] }> {
  const samples: number[] = [];
  let running = true;
  const sampler = (async () => {
    while (running) {
      const { rows } = await db.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
      samples.push(Number(rows[0]!.n));
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  try {
    return { result: await fn(), samples };
  } finally {
    running = false;
    await sampler;
  }
}
