/**
 * The funds feature's queries. Every bookkeeping write marks `fundKeys.all` stale, so the balance,
 * the months, the entries, the pending expenses and the budget all show it together (this replaces a
 * `?v=` counter that was bumped by hand to make each part reload).
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import type { BudgetResolution, BudgetView, DividendView, ExpenseView, FundDetail, FundSummary, MonthCloseView, PurposeRow, TransactionView } from '@gongzhi/contracts';
import { gz, unwrap } from '../../api/client.ts';

/** Query keys of the funds feature. */
export const fundKeys = {
  all: ['funds'] as const,
  list: ['funds', 'list'] as const,
  fund: (code: string) => ['funds', 'fund', code] as const,
  /** Every month's entries of a fund (questions and answers change them all). */
  entriesOf: (code: string) => ['funds', 'entries', code] as const,
  entries: (code: string, month: string | undefined) => ['funds', 'entries', code, month ?? ''] as const,
  entry: (code: string, id: string) => ['funds', 'entry', code, id] as const,
  /** The plain public lists: money in or out (optionally of one project), reversed entries left out. */
  plain: (code: string, side: 'in' | 'out', project: string | undefined) => ['funds', 'plain', code, side, project ?? ''] as const,
  purposes: (code: string) => ['funds', 'purposes', code] as const,
  expenses: (fundId: string) => ['funds', 'expenses', fundId] as const,
  budget: (code: string, year: number) => ['funds', 'budget', code, year] as const,
  resolutions: (fundId: string) => ['funds', 'budget-resolutions', fundId] as const,
  monthCloses: (fundId: string) => ['funds', 'month-closes', fundId] as const,
};

// The public fund routes' answers are typed by the shared contracts (bigint-as-string amounts and
// all), which the pages already use; the generated types agree field by field.

/** Every fund with its balance and totals (public). */
export function fundsQuery() {
  return queryOptions({
    queryKey: fundKeys.list,
    queryFn: ({ signal }): Promise<FundSummary[]> => unwrap(gz.GET('/api/v1/public/funds', { signal })),
  });
}

/** One fund: balance, months, accounts and the user's abilities on it (public). */
export function fundQuery(code: string) {
  return queryOptions({
    queryKey: fundKeys.fund(code),
    queryFn: ({ signal }): Promise<FundDetail> => unwrap(gz.GET('/api/v1/public/funds/{code}', { params: { path: { code } }, signal })),
  });
}

/** A fund's entries, newest first, 20 at a time by keyset cursor ("load more"), optionally of one month. */
export function entriesQuery(code: string, month: string | undefined) {
  return infiniteQueryOptions({
    queryKey: fundKeys.entries(code, month),
    queryFn: ({ signal, pageParam }): Promise<{ items: TransactionView[]; nextCursor: string | null }> => unwrap(gz.GET('/api/v1/public/funds/{code}/transactions', {
      params: { path: { code }, query: { cursor: pageParam ?? undefined, month, limit: 20 } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** One entry with its dividend statement, if it is a dividend (public). */
export function entryQuery(code: string, id: string) {
  return queryOptions({
    queryKey: fundKeys.entry(code, id),
    queryFn: ({ signal }): Promise<TransactionView & { dividend: DividendView | null }> =>
      unwrap(gz.GET('/api/v1/public/funds/{code}/transactions/{txId}', { params: { path: { code, txId: id } }, signal })),
  });
}

/** A fund's expenses (staff). */
export function expensesQuery(fundId: string) {
  return queryOptions({
    queryKey: fundKeys.expenses(fundId),
    queryFn: ({ signal }): Promise<ExpenseView[]> => unwrap(gz.GET('/api/v1/funds/{id}/expenses', { params: { path: { id: fundId } }, signal })),
  });
}

/** Budget against actual spending for a year (public). */
export function budgetQuery(code: string, year: number) {
  return queryOptions({
    queryKey: fundKeys.budget(code, year),
    queryFn: ({ signal }): Promise<BudgetView> => unwrap(gz.GET('/api/v1/public/funds/{code}/budgets/{year}', { params: { path: { code, year } }, signal })),
  });
}

/** Owners' assembly resolutions a budget may cite (staff). */
export function resolutionsQuery(fundId: string) {
  return queryOptions({
    queryKey: fundKeys.resolutions(fundId),
    queryFn: ({ signal }): Promise<BudgetResolution[]> => unwrap(gz.GET('/api/v1/funds/{id}/budget-resolutions', { params: { path: { id: fundId } }, signal })),
  });
}

/** A fund's closed months, the pending close and the earliest day an entry may carry (staff). */
export function monthClosesQuery(fundId: string) {
  return queryOptions({
    queryKey: fundKeys.monthCloses(fundId),
    queryFn: ({ signal }): Promise<{ closedThrough: string | null; earliestDay: string; items: MonthCloseView[] }> =>
      unwrap(gz.GET('/api/v1/funds/{id}/month-closes', { params: { path: { id: fundId } }, signal })),
  });
}

/** Money in or out of a fund, newest first, without reversals and what they undo (public, plain tabs). */
export function plainEntriesQuery(code: string, side: 'in' | 'out', project?: string) {
  return infiniteQueryOptions({
    queryKey: fundKeys.plain(code, side, project),
    queryFn: ({ signal, pageParam }): Promise<{ items: TransactionView[]; nextCursor: string | null }> => unwrap(gz.GET('/api/v1/public/funds/{code}/transactions', {
      params: { path: { code }, query: { cursor: pageParam ?? undefined, side, project, limit: 20 } }, signal,
    })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** Money in and out by project or purpose, reversals netted away (public). */
export function purposesQuery(code: string) {
  return queryOptions({
    queryKey: fundKeys.purposes(code),
    queryFn: ({ signal }): Promise<PurposeRow[]> => unwrap(gz.GET('/api/v1/public/funds/{code}/purposes', { params: { path: { code } }, signal })),
  });
}
