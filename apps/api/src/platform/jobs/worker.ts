import type { Db } from '../db/client.ts';
import { deliverPending, type OutboxAdapter } from '../outbox/outbox.ts';
import { runDueTimers, type TimerHandler } from './scheduler.ts';

/**
 * The background loop of an API process: fire due timers, deliver queued messages, sleep, repeat.
 * Several processes can run it at once; row claims keep each piece of work to one of them.
 */
export function startWorker(db: Db, opts: {
  handlers: Record<string, TimerHandler>; adapter: OutboxAdapter; intervalMs?: number; onError?: (err: unknown) => void;
  /** Periodic clean-up, run at most once an hour. */
  housekeeping?: () => Promise<unknown>;
}) {
  let stopped = false;
  let lastHousekeeping = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    try {
      await runDueTimers(db, opts.handlers);
      await deliverPending(db, opts.adapter);
      if (opts.housekeeping && Date.now() - lastHousekeeping > 3_600_000) {
        lastHousekeeping = Date.now();
        await opts.housekeeping();
      }
    } catch (err) {
      opts.onError?.(err);
    }
    if (!stopped) timer = setTimeout(() => { running = tick(); }, opts.intervalMs ?? 2000);
  };
  running = tick();
  return {
    /** Stops after the current pass. */
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
