// The table registry: every table, in one place, for drizzle-kit's migration generator and for the
// features that must treat all tables alike (a region move re-paths every scoped row). It lives at the
// composition root, outside platform/, because it names every feature; only tables are exported here.
export * from './platform/auth/auth.table.ts';
export * from './platform/authz/authz.table.ts';
export * from './platform/audit/audit.table.ts';
export * from './platform/http/idempotency.table.ts';
export * from './features/org/org.table.ts';
export * from './platform/jobs/jobs.table.ts';
export * from './platform/outbox/outbox.table.ts';
export * from './platform/uploads/uploads.table.ts';
export * from './features/requests/requests.table.ts';
export * from './features/open311/open311.table.ts';
export * from './features/councils/councils.table.ts';
export * from './features/notices/notices.table.ts';
export * from './features/panels/panels.table.ts';
export * from './features/assembly/assembly.table.ts';
export * from './features/instructions/instructions.table.ts';
export * from './features/funds/funds.table.ts';
export * from './features/funds/funds.reserve.table.ts';
export * from './features/visits/visits.table.ts';
export * from './features/users/users.table.ts';
export * from './features/projects/projects.table.ts';
export * from './features/projects/money.table.ts';
export * from './features/projects/delivery.table.ts';
export * from './features/projects/acceptance.table.ts';
export * from './features/projects/rating.table.ts';
export * from './features/projects/tender.table.ts';
export * from './features/bank/bank.table.ts';
export * from './features/activities/activities.table.ts';
export * from './features/volunteers/volunteers.table.ts';
export * from './features/party/party.table.ts';
