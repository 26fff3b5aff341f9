import RBush from 'rbush';
import { sql } from 'drizzle-orm';
import { containsPoint, type Polygonal } from '@gongzhi/core';
import type { DbOrTx } from '../../platform/db/client.ts';

/** A region with a boundary, as the locator keeps it. */
export interface Placed { id: string; code: string; name: string; level: string; districtCode: string; boundary: Polygonal }
interface Box { minX: number; minY: number; maxX: number; maxY: number; region: Placed }

/**
 * Finds the smallest region whose boundary contains a point, from an in-memory R-tree of every active
 * boundary: no database round trip on the hot path (request intake). Rebuilt when the boundaries
 * change — checked at most every `checkMs` with one cheap query, and at once after a change made in
 * this process (`invalidate`).
 */
export class Locator {
  private tree = new RBush<Box>();
  private version = '';
  private checkedAt = 0;
  private loading: Promise<void> | undefined;

  constructor(private readonly db: DbOrTx, private readonly checkMs = 30_000) {}

  /** The deepest active region containing the point, or null. */
  async locate(lat: number, lng: number): Promise<Placed | null> {
    await this.fresh();
    const hits = this.tree.search({ minX: lng, minY: lat, maxX: lng, maxY: lat })
      .filter((b) => containsPoint(b.region.boundary, lat, lng))
      .map((b) => b.region);
    hits.sort((a, b) => b.code.length - a.code.length);
    return hits[0] ?? null;
  }

  /** Forgets the index so the next lookup rebuilds it (after a boundary changed in this process). */
  invalidate(): void {
    this.checkedAt = 0;
    this.version = '';
  }

  private async fresh(): Promise<void> {
    if (Date.now() - this.checkedAt < this.checkMs) return;
    this.loading ??= this.reload().finally(() => { this.loading = undefined; });
    await this.loading;
  }

  private async reload(): Promise<void> {
    const [v] = (await this.db.execute<{ v: string }>(sql`SELECT coalesce(max(updated_at)::text, '') || ':' || count(*) AS v FROM regions WHERE boundary IS NOT NULL AND retired_at IS NULL`)).rows;
    // Marked fresh only once the tree is current: callers arriving meanwhile wait for this load
    // instead of searching a tree that is still empty (the first load) or stale.
    if (v?.v === this.version) {
      this.checkedAt = Date.now();
      return;
    }
    const rows = (await this.db.execute<{ id: string; code: string; name: string; level: string; district_code: string; boundary: Polygonal; min_lat: number; min_lng: number; max_lat: number; max_lng: number }>(
      sql`SELECT id, code, name, level, district_code, boundary, min_lat, min_lng, max_lat, max_lng FROM regions WHERE boundary IS NOT NULL AND retired_at IS NULL`)).rows;
    const tree = new RBush<Box>();
    tree.load(rows.map((r) => ({
      minX: r.min_lng, minY: r.min_lat, maxX: r.max_lng, maxY: r.max_lat,
      region: { id: r.id, code: r.code, name: r.name, level: r.level, districtCode: r.district_code, boundary: r.boundary },
    })));
    this.tree = tree;
    this.version = v?.v ?? '';
    this.checkedAt = Date.now();
  }
}
