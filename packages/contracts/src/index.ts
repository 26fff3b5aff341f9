export * from './errors.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './org.ts';
export * from './users.ts';
export * from './requests.ts';
