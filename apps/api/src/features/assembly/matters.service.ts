import { sql } from 'drizzle-orm';
import { CHINA_TIME_ZONE, type AssemblyMatterKind } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';

/**
 * Read-only: assembly matters as other features cite them (a compound's budget rests on one). Other
 * features reach the assembly's tables only through this service.
 */

/** A matter of a closed assembly, with what a citing feature needs to judge it. */
export interface CitedMatter {
  assemblyId: string; title: string; matterId: string; matterTitle: string; description: string; position: number;
  kind: AssemblyMatterKind; regionPath: string; passed: boolean; published: boolean;
  /** The China day the vote closed ("YYYY-MM-DD"), or null while it has not. */
  closedOn: string | null;
}

type Row = {
  assembly_id: string; title: string; matter_id: string; matter_title: string; description: string; position: number;
  kind: AssemblyMatterKind; region_path: string; passed: boolean | null; published: boolean; closed_on: string | null;
};

const COLUMNS = sql`a.id AS assembly_id, a.title, m.id AS matter_id, m.title AS matter_title, m.description, m.position, m.kind, a.region_path,
  (m.result->>'passed')::boolean AS passed, (a.state = 'closed' AND a.results_published_at IS NOT NULL) AS published,
  to_char(a.closed_at AT TIME ZONE ${CHINA_TIME_ZONE}::text, 'YYYY-MM-DD') AS closed_on`;

const toMatter = (r: Row): CitedMatter => ({
  assemblyId: r.assembly_id, title: r.title, matterId: r.matter_id, matterTitle: r.matter_title, description: r.description, position: r.position,
  kind: r.kind, regionPath: r.region_path, passed: r.passed === true, published: r.published, closedOn: r.closed_on,
});

/** One matter by id, whatever its assembly's state (the caller judges it), or undefined. */
export async function matterById(db: DbOrTx, matterId: string): Promise<CitedMatter | undefined> {
  const [r] = (await db.execute<Row>(sql`SELECT ${COLUMNS} FROM assembly_matters m JOIN assemblies a ON a.id = m.assembly_id WHERE m.id = ${matterId}`)).rows;
  return r ? toMatter(r) : undefined;
}

/**
 * Passed matters of closed assemblies with published results of exactly the compound at `regionPath`
 * (not one building of it, nor the whole community), of the given kinds; newest first, 200 at most.
 */
export async function passedMattersOf(db: DbOrTx, regionPath: string, kinds: readonly AssemblyMatterKind[]): Promise<CitedMatter[]> {
  if (kinds.length === 0) return [];
  const rows = (await db.execute<Row>(sql`SELECT ${COLUMNS} FROM assembly_matters m JOIN assemblies a ON a.id = m.assembly_id
    WHERE a.state = 'closed' AND a.results_published_at IS NOT NULL AND (m.result->>'passed')::boolean AND a.region_path = ${regionPath}
      AND m.kind = ANY(${sql`ARRAY[${sql.join(kinds.map((k) => sql`${k}`), sql`, `)}]::text[]`})
    ORDER BY a.closed_at DESC, m.position LIMIT 200`)).rows;
  return rows.map(toMatter);
}
