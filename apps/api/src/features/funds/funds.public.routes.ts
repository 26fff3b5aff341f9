import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BudgetView, DividendView, ENTRY_SIDES, FundDetail, FundSummary, PurposeRow, QuestionBody, TransactionPage, TransactionView } from '@gongzhi/contracts';
import type { AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { fundByCode, fundDetail, fundList, publicAttachment, purposeList, transactionDetail, transactionList } from './funds.read.service.ts';
import { budgetView } from './funds.property.service.ts';
import { askQuestion } from './funds.questions.service.ts';
import { journal } from './funds.journal.ts';
import { monthlyStatement } from './funds.statement.ts';

const CodeParams = z.object({ code: z.string().regex(/^[A-Z0-9][A-Z0-9-]{1,39}$/) });
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

/**
 * Public disclosure (公开): every fund's balance, inflows and outflows with purpose, approver and
 * receipts, by month and project, readable without signing in. Anonymous donors' names were never
 * stored. Signed-in residents may ask about any entry.
 */
export async function fundPublicRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const tags = ['funds (public)'];
  const pub = { access: 'public' as const };
  r.get('/api/v1/public/funds', { config: pub, schema: { tags, summary: 'Every fund with its balance', response: { 200: z.array(FundSummary) } } },
    async () => fundList(db));

  r.get('/api/v1/public/funds/:code', { config: pub, schema: { tags, summary: 'A fund: balance, months, accounts (and what the signed-in viewer may do)', params: CodeParams, response: { 200: FundDetail } } },
    async (request) => fundDetail(db, request.params.code, request.actor));

  r.get('/api/v1/public/funds/:code/transactions', {
    config: pub,
    schema: { tags, summary: 'Entries newest first, by keyset (cursor = last id of the previous page)', params: CodeParams,
      querystring: z.object({ cursor: z.uuid().optional(), limit: z.coerce.number().int().min(1).max(100).default(20), month: Month.optional(), project: z.string().max(60).optional(),
        /** Money in or out only, without reversals and the entries they undo (the plain public lists). */
        side: z.enum(ENTRY_SIDES).optional() }),
      response: { 200: TransactionPage } },
  }, async (request) => {
    const q = request.query;
    return transactionList(db, request.params.code, { before: q.cursor, limit: q.limit, month: q.month, project: q.project, side: q.side }, request.actor);
  });

  r.get('/api/v1/public/funds/:code/purposes', {
    config: pub, schema: { tags, summary: 'Money in and out by project or purpose; a reversal and its original cancel out', params: CodeParams, response: { 200: z.array(PurposeRow) } },
  }, async (request) => purposeList(db, request.params.code));

  r.get('/api/v1/public/funds/:code/transactions/:txId', {
    config: pub, schema: { tags, summary: 'One entry (and its printable receipt)', params: CodeParams.extend({ txId: z.uuid() }), response: { 200: TransactionView.extend({ dividend: DividendView.nullable() }) } },
  }, async (request) => {
    return transactionDetail(db, request.params.code, request.params.txId, request.actor);
  });

  r.get('/api/v1/public/funds/:code/attachments/:attachmentId', {
    config: pub, schema: { tags, summary: 'A receipt or invoice cited by a posted entry', params: CodeParams.extend({ attachmentId: z.uuid() }) },
  }, async (request, reply) => {
    const file = await publicAttachment(db, request.params.code, request.params.attachmentId);
    const data = await deps.storage.get(file.storageKey);
    return reply.type(file.mime).header('x-content-type-options', 'nosniff')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`).send(data);
  });

  r.get('/api/v1/public/funds/:code/journal', { config: pub, schema: { tags, summary: 'The ledger as an hledger journal', params: CodeParams } },
    async (request, reply) => {
      const f = await fundByCode(db, request.params.code);
      return reply.type('text/plain; charset=utf-8').header('content-disposition', `attachment; filename="${f.code}.journal"`)
        .send(Readable.from(journal(db, f.code)));
    });

  r.get('/api/v1/public/funds/:code/statement.xlsx', { config: pub, schema: { tags, summary: 'Monthly statement as .xlsx', params: CodeParams, querystring: z.object({ month: Month }) } },
    async (request, reply) => {
      const f = await fundByCode(db, request.params.code);
      const name = `${f.name}-${request.query.month}.xlsx`;
      return reply.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`).send(await monthlyStatement(db, f, request.query.month));
    });

  r.get('/api/v1/public/funds/:code/budgets/:year', {
    config: pub, schema: { tags, summary: 'A year\'s budget against actual spending, by line and month', params: CodeParams.extend({ year: z.coerce.number().int().min(2000).max(2100) }), response: { 200: BudgetView } },
  }, async (request) => {
    const f = await fundByCode(db, request.params.code);
    const view = await budgetView(db, f.id, request.params.year);
    if (!view) throw new AppError('NOT_FOUND');
    return view;
  });

  r.post('/api/v1/public/funds/:code/transactions/:txId/questions', {
    config: { access: 'signed-in' }, schema: { tags, summary: 'Ask about an entry (signed in)', params: CodeParams.extend({ txId: z.uuid() }), body: QuestionBody, response: { 201: z.object({ id: z.uuid() }) } },
  }, async (request, reply) => reply.status(201).send({ id: await askQuestion(db, requireActor(request), request.params.code, request.params.txId, request.body.question, request.body.showName) }));
}
