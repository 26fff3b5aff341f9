/**
 * One "API process" for the several-processes test: its own Node process and connection pool,
 * running the real scheduler in a loop until killed. Its handler records each firing in the timer's
 * own transaction, so a firing that counts is a firing that happened.
 */
import { sql } from 'drizzle-orm';
import { openDatabase } from '../../src/platform/db/client.ts';
import { runDueTimers, type TimerHandler } from '../../src/platform/jobs/scheduler.ts';

const [url, name] = process.argv.slice(2) as [string, string];
const database = openDatabase(url, { max: 3 });
const handlers: Record<string, TimerHandler> = {
  trust_count: async (tx, t) => {
    await tx.execute(sql`INSERT INTO trust_fires (timer_id, process) VALUES (${t.id}, ${name})`);
    await tx.execute(sql`SELECT pg_sleep(0.002)`); // widen the race window
  },
};
for (;;) {
  const n = await runDueTimers(database.db, handlers, { limit: 50 });
  if (n === 0) await new Promise((r) => setTimeout(r, 20));
}
