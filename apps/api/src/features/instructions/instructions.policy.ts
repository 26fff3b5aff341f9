import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { scopeFor, scopePrefixes } from '../../platform/authz/scope.ts';

/**
 * Who may do what to one instruction, given the loaded instruction: pure, no I/O. Which
 * instructions one sees at all is the repository's scope (`instruction.read`, subtree and above).
 */

/** What the policy needs of an instruction. */
interface Placed { regionPath: string }

/**
 * The node the actor's view of an instruction starts at: the instruction's own region when the actor
 * covers it, else the outermost region of theirs inside it.
 */
export function rootFor(actor: Actor, instr: Placed): string {
  const paths = scopePrefixes(scopeFor(actor, 'instruction.read'));
  if (paths === null || paths.some((p) => instr.regionPath.startsWith(p))) return instr.regionPath;
  return paths.find((p) => p.startsWith(instr.regionPath)) ?? instr.regionPath;
}

/**
 * The node the actor asked for (default: their view), when it lies inside the instruction's region
 * and inside their own read scope; else null (answered as "region not found").
 */
export function nodeFor(actor: Actor, instr: Placed, asked: string | undefined): string | null {
  const path = asked ?? rootFor(actor, instr);
  if (!path.startsWith(instr.regionPath) || !can(actor, 'instruction.read', { regionPath: path })) return null;
  return path;
}

/** Instructions are issued, reminded about and closed by issuers over the node concerned. */
export const mayIssueAt = (actor: Actor, path: string): boolean => can(actor, 'instruction.issue', { regionPath: path });

/** Closing ends the instruction for everyone under it: the issuing level of its own region. */
export const mayClose = (actor: Actor, instr: Placed): boolean => mayIssueAt(actor, instr.regionPath);

/** Readers of instructions follow them in their scope; others reach one only as a worker it was sent to. */
export const mayFollow = (actor: Actor): boolean => can(actor, 'instruction.read');
