import { sql } from 'drizzle-orm';
import type { ProjectMoneyView } from '@gongzhi/contracts';
import type { Db } from '../../platform/db/client.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { can } from '../../platform/authz/authorize.ts';
import { scopeFor } from '../../platform/authz/scope.ts';
import { found } from '../../platform/errors/app-error.ts';
import { findReservation } from '../funds/funds.reserve.service.ts';
import { findProject } from './projects.repository.ts';
import { rulesFor } from './projects.service.ts';
import { instalmentPlan } from './money.policy.ts';

type ExpenseState = 'pending' | 'approved' | 'rejected';
const STATE = { pending: 'pending', approved: 'paid', rejected: 'refused' } as const;

/**
 * A project's money for its page (scoped: out of scope = not found): the fund, the reservation, paid,
 * pending and left, and each instalment of the plan with the state of its latest request.
 */
export async function projectMoney(db: Db, actor: Actor, id: string): Promise<ProjectMoneyView> {
  const { p } = found(await findProject(db, scopeFor(actor, 'project.read'), id), 'PROJECT_NOT_FOUND');
  const [fund] = p.fundId ? (await db.execute<{ id: string; code: string; name: string }>(sql`SELECT id, code, name FROM funds WHERE id = ${p.fundId}`)).rows : [];
  const reservation = p.reservationId ? await findReservation(db, p.reservationId) : undefined;
  const { instalmentPercents } = await rulesFor(db, p.districtCode);
  const plan = p.awardedFen === null ? [] : instalmentPlan(p.awardedFen, instalmentPercents);
  // Oldest first, so the last request of each instalment is the one that stands.
  const requests = (await db.execute<{ k: number; amount: string; expense_id: string; state: ExpenseState; transaction_id: string | null }>(sql`
    SELECT i.k, i.amount::text, i.expense_id, e.state, e.transaction_id FROM project_instalments i JOIN fund_expenses e ON e.id = i.expense_id
    WHERE i.project_id = ${p.id} ORDER BY i.created_at, i.id`)).rows;
  const latest = new Map(requests.map((r) => [r.k, r]));
  const pending = requests.filter((r) => r.state === 'pending').reduce((a, r) => a + BigInt(r.amount), 0n);
  const open = reservation?.state === 'open';
  return {
    projectId: p.id,
    fund: fund ? { id: fund.id, code: fund.code, name: fund.name } : null,
    reservationId: p.reservationId,
    reservationState: reservation?.state ?? null,
    awardedFen: p.awardedFen?.toString() ?? null,
    reservedFen: (open ? reservation.amount - reservation.spent : 0n).toString(),
    paidFen: p.paidFen.toString(),
    pendingFen: pending.toString(),
    leftFen: ((p.awardedFen ?? 0n) - p.paidFen).toString(),
    releasedFen: reservation?.releasedAmount?.toString() ?? null,
    payee: p.implementerLabel,
    instalments: plan.map((amount, i) => {
      const r = latest.get(i + 1);
      return { k: i + 1, percent: instalmentPercents[i]!, amountFen: amount.toString(), state: r ? STATE[r.state] : 'planned', expenseId: r?.expense_id ?? null, transactionId: r?.transaction_id ?? null };
    }),
    abilities: open && can(actor, 'project.manage', { regionPath: p.regionPath }) && can(actor, 'fund.manage', { regionPath: p.regionPath }) ? ['request'] : [],
  };
}
