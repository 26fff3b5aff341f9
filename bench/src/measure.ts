import autocannon from 'autocannon';

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

/** One request of a burst: its path (else the burst's own), headers and body. */
export interface BurstRequest { path?: string; headers: Record<string, string>; body: string }

/**
 * Sends `count` POSTs, each once, from `connections` connections (at most `count`); `make(i)`
 * gives request i. The caller times it with {@link timed}: autocannon's own duration is whole seconds.
 */
export function burst(url: string, count: number, make: (i: number) => BurstRequest, connections = 16): Promise<autocannon.Result> {
  let next = 0;
  return new Promise((resolve, reject) => {
    autocannon({
      url, connections: Math.min(connections, count), amount: count, method: 'POST',
      requests: [{
        method: 'POST',
        setupRequest: (req) => {
          const r = make(next++);
          return { ...req, ...(r.path ? { path: r.path } : {}), headers: { ...req.headers, 'content-type': 'application/json', ...r.headers }, body: r.body };
        },
      }],
    }, (err, result) => (err ? reject(err) : resolve(result)));
  });
}

/** A burst timed on the monotonic clock: its result and requests per second over the measured time. */
export async function timedBurst(url: string, count: number, make: (i: number) => BurstRequest, connections = 16) {
  const { result, seconds } = await timed(() => burst(url, count, make, connections));
  return { result, seconds, rate: result.requests.total / seconds };
}

/** Calls made and nanoseconds spent by one contender of {@link rates}. */
interface Tally { n: number; ns: bigint }

/**
 * Calls per second (and calls made) of each contender, each run by `workers` concurrent loops (worker
 * w calls `fn(w)`), the contenders taking turns in `sliceMs` slices for about `seconds` in all, after
 * a short unmeasured warm-up, so a shared machine's drifting load weighs on all alike. Slices end and
 * are timed on the monotonic clock.
 */
export async function rates<K extends string>(contenders: Record<K, (w: number) => Promise<unknown>>, seconds: number, workers = 1, sliceMs = 500): Promise<Record<K, { rate: number; calls: number }>> {
  const names = Object.keys(contenders) as K[];
  const tally = Object.fromEntries(names.map((k) => [k, { n: 0, ns: 0n }])) as Record<K, Tally>;
  const slice = async (fn: (w: number) => Promise<unknown>, t: Tally, ms: number) => {
    const t0 = process.hrtime.bigint();
    const end = t0 + BigInt(ms) * 1_000_000n;
    await Promise.all(Array.from({ length: workers }, async (_, w) => { while (process.hrtime.bigint() < end) { await fn(w); t.n++; } }));
    t.ns += process.hrtime.bigint() - t0;
  };
  for (const k of names) await slice(contenders[k], { n: 0, ns: 0n }, 300);
  for (let left = seconds * 1000; left > 0; left -= sliceMs * names.length) {
    for (const k of names) await slice(contenders[k], tally[k], sliceMs);
  }
  return Object.fromEntries(names.map((k) => [k, { rate: tally[k].n / (Number(tally[k].ns) / 1e9), calls: tally[k].n }])) as Record<K, { rate: number; calls: number }>;
}
