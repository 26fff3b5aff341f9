import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AnswerBody, AttachmentView, BudgetBody, BudgetResolution, CreateFundBody, DecideExpenseBody, DividendBody, DonationBody, ExpenseBody,
  ExpenseView, IncomeBody, MonthCloseBody, MonthClosesView, PendingCreated, ReverseBody, TurnoverBody,
} from '@gongzhi/contracts';
import { loadLedgerConfig } from '../../config.ts';
import { clockOf, type AppDeps } from '../../platform/deps.ts';
import { requireActor } from '../../platform/auth/auth.plugin.ts';
import { AppError } from '../../platform/errors/app-error.ts';
import { createFund, proposeReversal, recordDonation, recordIncome, refuseEntryEdit, reportTurnover } from './funds.service.ts';
import { decideClose, monthCloses, proposeClose } from './funds.close.service.ts';
import { decideExpense, submitExpense, uploadAttachment } from './funds.expense.service.ts';
import { MAX_UPLOAD_BYTES } from '../../platform/http/limits.ts';
import { readUpload } from '../../platform/uploads/uploads.ts';
import { budgetResolutions, createBudget, proposeDividend } from './funds.property.service.ts';
import { answerQuestion } from './funds.questions.service.ts';
import { expenseList, staffAttachment } from './funds.read.service.ts';

const Posted = z.object({ id: z.uuid(), balanceFen: z.string() });
const FundParams = z.object({ id: z.uuid() });
const TxParams = z.object({ id: z.uuid(), txId: z.uuid() });
const posted = (p: { id: string; balance: bigint }) => ({ id: p.id, balanceFen: p.balance.toString() });

/** Keeping the books of a fund: the staff side. The public side is in funds.public.routes.ts. */
export async function fundRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { db } = deps;
  const now = clockOf(deps);
  const tags = ['funds'];
  const manage = { action: 'fund.manage', subject: 'funds' } as const;
  // The ledger's date window (GONGZHI_LEDGER_BACKDATE_DAYS), read once.
  const ledger = loadLedgerConfig();

  r.post('/api/v1/funds', { config: { access: { action: 'fund.manage' } }, schema: { tags, summary: 'Open a fund for a region', body: CreateFundBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createFund(db, requireActor(request), request.body) }));

  r.post('/api/v1/funds/:id/donations', { config: { access: manage }, schema: { tags, summary: 'Record a donation (named or anonymous) with a receipt number', params: FundParams, body: DonationBody, response: { 201: Posted } } },
    async (request, reply) => reply.status(201).send(posted(await recordDonation(db, requireActor(request), request.params.id, request.body, now(), ledger))));

  r.post('/api/v1/funds/:id/turnover', { config: { access: manage }, schema: { tags, summary: "An operator's monthly turnover: the 3% levy goes to the development fund", params: FundParams, body: TurnoverBody, response: { 201: Posted.extend({ levyFen: z.string() }) } } },
    async (request, reply) => {
      const p = await reportTurnover(db, requireActor(request), request.params.id, request.body, now(), ledger);
      return reply.status(201).send({ ...posted(p), levyFen: p.levyFen.toString() });
    });

  r.post('/api/v1/funds/:id/incomes', { config: { access: manage }, schema: { tags, summary: 'Enterprise profit, government allocation, property fees or common revenue', params: FundParams, body: IncomeBody, response: { 201: Posted } } },
    async (request, reply) => reply.status(201).send(posted(await recordIncome(db, requireActor(request), request.params.id, request.body, now(), ledger))));

  r.post('/api/v1/funds/:id/attachments', {
    config: { access: manage, idempotency: false },
    schema: { tags, summary: 'Upload a receipt or invoice (multipart field "file"; PDF, JPEG, PNG, WebP)', params: FundParams, consumes: ['multipart/form-data'], response: { 201: AttachmentView } },
  }, async (request, reply) => {
    const actor = requireActor(request);
    const { file } = await readUpload(request, MAX_UPLOAD_BYTES);
    if (!file) throw new AppError('VALIDATION_FAILED', {}, [{ path: '/file', message: 'a file is required' }]);
    return reply.status(201).send(await uploadAttachment(db, deps.storage, actor, request.params.id, file.filename, file.data));
  });

  r.get('/api/v1/funds/:id/attachments/:attachmentId', {
    config: { access: { action: 'fund.read', subject: 'funds', params: { attachmentId: 'fund_attachments.fund_id' } } },
    schema: { tags, summary: "A receipt or invoice of the fund, shown inline to its staff (a pending expense's too, for the approver)", params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) },
  }, async (request, reply) => {
    const file = await staffAttachment(db, requireActor(request), request.params.id, request.params.attachmentId);
    const data = await deps.storage.get(file.storageKey);
    return reply.type(file.mime).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store')
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.filename)}`).send(data);
  });

  r.get('/api/v1/funds/:id/expenses', { config: { access: { action: 'fund.read', subject: 'funds' } }, schema: { tags, summary: 'Expenses of a fund, pending first', params: FundParams, response: { 200: z.array(ExpenseView) } } },
    async (request) => {
      return expenseList(db, requireActor(request), request.params.id);
    });

  r.post('/api/v1/funds/:id/expenses', { config: { access: manage }, schema: { tags, summary: 'Prepare a grant or expense (reason and receipt required); a second person approves it', params: FundParams, body: ExpenseBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send({ id: await submitExpense(db, requireActor(request), request.params.id, request.body) }));

  r.post('/api/v1/funds/:id/expenses/:expenseId/decide', {
    config: { access: { action: 'fund.approve', subject: 'funds', params: { expenseId: 'fund_expenses' } } },
    schema: { tags, summary: 'Approve (and pay) or refuse an expense; never your own', params: z.object({ id: z.uuid(), expenseId: z.uuid() }), body: DecideExpenseBody, response: { 200: z.object({ transactionId: z.uuid().nullable() }) } },
  }, async (request) => decideExpense(db, requireActor(request), request.params.id, request.params.expenseId, request.body.approve, now()));

  r.post('/api/v1/funds/:id/transactions/:txId/reverse', {
    config: { access: { ...manage, params: { txId: 'ledger_transactions' } } },
    schema: { tags, summary: 'Prepare the reversal of a posted entry (once); a second person approves it like an expense, which posts it', params: TxParams, body: ReverseBody, response: { 201: PendingCreated } },
  }, async (request, reply) => {
    return reply.status(201).send({ id: await proposeReversal(db, requireActor(request), request.params.id, request.params.txId, request.body), state: 'pending' as const });
  });

  // A posted entry is never edited or deleted (the database refuses too); the answer says what to do instead.
  for (const method of ['PATCH', 'PUT', 'DELETE'] as const) {
    r.route({
      method, url: '/api/v1/funds/:id/transactions/:txId',
      config: { access: { ...manage, params: { txId: 'ledger_transactions' } } },
      // Hidden from the OpenAPI document: an operation that always refuses is nothing for a client to call.
      schema: { tags, summary: 'Refused: posted entries are corrected by reversal', params: TxParams, hide: true },
      handler: async (request) => refuseEntryEdit(db, requireActor(request), request.params.id, request.params.txId),
    });
  }

  r.post('/api/v1/funds/:id/budgets', { config: { access: manage }, schema: { tags, summary: "A compound's annual budget as approved by the owners' assembly", params: FundParams, body: BudgetBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send({ id: await createBudget(db, requireActor(request), request.params.id, request.body, now()) }));

  r.get('/api/v1/funds/:id/budget-resolutions', { config: { access: manage }, schema: { tags, summary: "Passed matters of the compound's owners' assemblies that a budget can rest on", params: FundParams, response: { 200: z.array(BudgetResolution) } } },
    async (request) => budgetResolutions(db, requireActor(request), request.params.id));

  r.post('/api/v1/funds/:id/dividends', { config: { access: manage }, schema: { tags, summary: 'Prepare a dividend of common revenue to owners by registered floor area (Civil Code art. 283); a second person approves it like an expense, which divides and posts it', params: FundParams, body: DividendBody, response: { 201: PendingCreated } } },
    async (request, reply) => reply.status(201).send({ id: await proposeDividend(db, requireActor(request), request.params.id, request.body), state: 'pending' as const }));

  r.get('/api/v1/funds/:id/month-closes', { config: { access: { action: 'fund.read', subject: 'funds' } }, schema: { tags, summary: 'Closed months of a fund, the pending close, and the earliest day an entry may carry', params: FundParams, response: { 200: MonthClosesView } } },
    async (request) => monthCloses(db, requireActor(request), request.params.id, now(), ledger));

  r.post('/api/v1/funds/:id/month-closes', { config: { access: manage }, schema: { tags, summary: 'Propose closing a month that has ended (and every month before it); a different person confirms', params: FundParams, body: MonthCloseBody, response: { 201: z.object({ id: z.uuid() }) } } },
    async (request, reply) => reply.status(201).send(await proposeClose(db, requireActor(request), request.params.id, request.body.month, now(), ledger)));

  r.post('/api/v1/funds/:id/month-closes/decide', {
    config: { access: { action: 'fund.manage', subject: 'funds' } },
    schema: { tags, summary: 'Confirm the pending close (a different person with the approval right; the month never changes again) or withdraw your own', params: FundParams,
      body: z.object({ confirm: z.boolean() }), response: { 200: z.object({ month: z.string(), state: z.enum(['closed', 'withdrawn']) }) } },
  }, async (request) => decideClose(db, requireActor(request), request.params.id, request.body.confirm, now(), ledger));

  r.post('/api/v1/funds/:id/questions/:questionId/answer', {
    config: { access: { action: 'fund.answer', subject: 'funds' } },
    schema: { tags, summary: "Answer a resident's question on an entry", params: z.object({ id: z.uuid(), questionId: z.uuid() }), body: AnswerBody, response: { 204: z.null() } },
  }, async (request, reply) => {
    await answerQuestion(db, requireActor(request), request.params.id, request.params.questionId, request.body.answer, now());
    return reply.status(204).send(null);
  });
}
