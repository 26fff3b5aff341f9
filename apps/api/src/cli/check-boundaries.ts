import type { DbOrTx } from '../platform/db/client.ts';
import { boundaryViolations, type BoundaryViolation } from '../features/org/region.boundary.service.ts';

/** One line of the report, in Chinese first as operators read it, with the codes to find the regions. */
function line(v: BoundaryViolation): string {
  switch (v.kind) {
    case 'outside_parent': return `outside_parent\t${v.code} ${v.name}\t超出上级 ${v.parentCode} ${v.parentName} 约 ${v.outsideM2} m²`;
    case 'overlaps_sibling': return `overlaps_sibling\t${v.code} ${v.name}\t与同级 ${v.siblingCode} ${v.siblingName} 重叠约 ${v.overlapM2} m²`;
    case 'overlaps_region': return `overlaps_region\t${v.code} ${v.name}\t与非上下级区域 ${v.otherCode} ${v.otherName} 重叠约 ${v.overlapM2} m²`;
    case 'invalid_shape': return `invalid_shape\t${v.code} ${v.name}\t边界形状无效（${v.reason}）`;
  }
}

/**
 * `gongzhi check-boundaries`: every boundary of an invalid shape, every region reaching outside its
 * parent, every pair of overlapping same-level regions and of overlapping unrelated regions, one tab-separated line each on `out`, a summary on `err`.
 * Returns the process exit code: 0 when the tree is clean, 1 when any violation exists (so a
 * deployment script or cron job can fail on it).
 */
export async function checkBoundaries(db: DbOrTx, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  const found = await boundaryViolations(db);
  for (const v of found) out(`${line(v)}\n`);
  err(found.length ? `${found.length} boundary violation(s) found\n` : 'boundaries: no violations\n');
  return found.length ? 1 : 0;
}
