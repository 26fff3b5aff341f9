// Every table, in one place, for Drizzle's typed queries and drizzle-kit's migration generator.
export * from '../auth/auth.table.ts';
export * from '../authz/authz.table.ts';
export * from '../audit/audit.table.ts';
export * from '../http/idempotency.table.ts';
export * from '../../features/org/org.table.ts';
export * from '../jobs/jobs.table.ts';
export * from '../outbox/outbox.table.ts';
export * from '../../features/requests/requests.table.ts';
export * from '../../features/councils/councils.table.ts';
export * from '../../features/assembly/assembly.table.ts';
export * from '../../features/instructions/instructions.table.ts';
export * from '../../features/funds/funds.table.ts';
export * from '../../features/visits/visits.table.ts';
