import type pg from 'pg';

/**
 * Tables that change without a domain write: sessions slide their expiry, and the idempotency cache
 * remembers refused answers on purpose (a replay must get the same refusal).
 */
const VOLATILE = new Set(['sessions', 'idempotency_keys', '__drizzle_migrations']);

/** Row count and an order-independent checksum of every table: `table → "count:sum"`. */
export async function tableDigest(pool: pg.Pool | pg.Client, opts: { all?: boolean } = {}): Promise<Map<string, string>> {
  const { rows: tables } = await pool.query<{ name: string }>(
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  const names = tables.map((t) => t.name).filter((n) => opts.all || !VOLATILE.has(n));
  if (!names.length) return new Map();
  const sql = names.map((n) => `SELECT '${n}' AS name, count(*)::text || ':' || coalesce(sum(hashtext(t::text)::bigint), 0)::text AS digest FROM "${n}" t`).join(' UNION ALL ');
  const { rows } = await pool.query<{ name: string; digest: string }>(sql);
  return new Map(rows.map((r) => [r.name, r.digest]));
}

/** Tables whose digest differs between two snapshots (added or removed tables included). */
export function diffDigests(a: Map<string, string>, b: Map<string, string>): string[] {
  const names = new Set([...a.keys(), ...b.keys()]);
  return [...names].filter((n) => a.get(n) !== b.get(n)).sort();
}
