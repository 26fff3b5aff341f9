import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import type { Actor, Grant } from './actor.ts';
import { abilities, authorize, can } from './authorize.ts';
import { inScope, scopeFor, scopePrefixes } from './scope.ts';
import type { Action } from '@gongzhi/core';
import { likePrefix } from '../db/like.ts';

const actor = (...grants: Grant[]): Actor => ({ userId: 'u', name: 'n', residentId: null, grants, via: 'session' });
const g = (role: Grant['role'], regionPath: string | null, organisationId: string | null = null): Grant => ({ role, regionPath, organisationId });
const render = (q: ReturnType<typeof inScope>) => q && new PgDialect().sqlToQuery(q);
const scopePaths = (a: Actor, action: Action) => scopePrefixes(scopeFor(a, action));
const scopeFilter = (a: Actor, action: Action, region: ReturnType<typeof sql>) => inScope(scopeFor(a, action), { region });
const scopeFilterWithAncestors = (a: Actor, action: Action, region: ReturnType<typeof sql>) => inScope(scopeFor(a, action), { region, ancestors: true });

describe('scopePrefixes', () => {
  it('is null (everywhere) for a platform-wide grant that allows the action', () => {
    expect(scopePaths(actor(g('system_admin', null)), 'people.read')).toBeNull();
  });
  it('is empty when no grant allows the action', () => {
    expect(scopePaths(actor(g('resident', '510108001001001')), 'people.read')).toEqual([]);
  });
  it('keeps only the outermost of nested paths', () => {
    const a = actor(g('grid_worker', '510108001001001'), g('community_worker', '510108001001'), g('grid_worker', '510108002001003'));
    expect(scopePaths(a, 'people.read')).toEqual(['510108001001', '510108002001003']);
  });
  it('ignores grants whose role does not allow the action', () => {
    const a = actor(g('auditor', '510108'), g('grid_worker', '510108001001001'));
    expect(scopePaths(a, 'pii.reveal')).toEqual(['510108001001001']);
  });
});

describe('can / authorize', () => {
  const worker = actor(g('grid_worker', '510108001001001'));
  it('allows inside the subtree and refuses outside it', () => {
    expect(can(worker, 'people.read', { regionPath: '510108001001001002' })).toBe(true);
    expect(can(worker, 'people.read', { regionPath: '510108001001001' })).toBe(true);
    expect(can(worker, 'people.read', { regionPath: '510108001001002' })).toBe(false);
    expect(can(worker, 'people.read', { regionPath: '510108001001' })).toBe(false);
    expect(can(worker, 'people.read', { regionPath: null })).toBe(false);
  });
  it('refuses an action the role does not have, even in scope', () => {
    expect(can(worker, 'region.manage', { regionPath: '510108001001001' })).toBe(false);
    expect(() => authorize(worker, 'audit.read')).toThrow('FORBIDDEN');
  });
  it('lets an organisation role act on its own organisation wherever it sits', () => {
    const handler = actor(g('department_handler', '510108', 'org-1'));
    expect(can(handler, 'org.read', { organisationId: 'org-1' })).toBe(true);
    expect(can(handler, 'org.read', { organisationId: 'org-2', regionPath: '999999' })).toBe(false);
  });
  it('answers the abilities an actor has on a subject', () => {
    const secretary = actor(g('community_secretary', '510108001001'));
    expect(abilities(secretary, ['region.manage', 'audit.read', 'pii.reveal'] as const, { regionPath: '510108001001002' })).toEqual(['region.manage', 'pii.reveal']);
  });
});

describe('inScope', () => {
  it('renders a prefix match per path, nothing for everywhere and false for nowhere', () => {
    const col = sql`${sql.identifier('region_path')}`;
    const q = render(scopeFilter(actor(g('grid_worker', '510108001001001'), g('grid_worker', '510108002001001')), 'people.read', col));
    expect(q?.sql).toBe('("region_path" LIKE $1 OR "region_path" LIKE $2)');
    expect(q?.params).toEqual(['510108001001001%', '510108002001001%']);
    expect(scopeFilter(actor(g('system_admin', null)), 'people.read', col)).toBeUndefined();
    expect(render(scopeFilter(actor(g('resident', '510108')), 'people.read', col))?.sql).toBe('false');
  });
  it('escapes LIKE wildcards in a path', () => {
    expect(likePrefix('51_0%')).toBe('51\\_0\\%%');
  });
});

describe('inScope with ancestors', () => {
  it('admits rows in the subtree and rows placed on an ancestor', () => {
    const col = sql`${sql.identifier('region_path')}`;
    const q = render(scopeFilterWithAncestors(actor(g('grid_worker', '510108001001001')), 'org.read', col));
    expect(q?.sql).toBe('(("region_path" LIKE $1 OR $2 LIKE "region_path" || \'%\'))');
    expect(q?.params).toEqual(['510108001001001%', '510108001001001']);
  });
  it('matches organisation grants on the organisation column when the table has one', () => {
    const a = actor(g('department_handler', '510108', 'org-1'), g('grid_worker', '510108001001001'));
    const q = render(inScope(scopeFor(a, 'request.read'), { region: sql`${sql.identifier('region_path')}`, organisation: sql`${sql.identifier('org')}` }));
    expect(q?.sql).toBe('("region_path" LIKE $1 OR "org" IN ($2))');
    expect(q?.params).toEqual(['510108001001001%', 'org-1']);
    expect(render(inScope(scopeFor(a, 'request.read'), { region: sql`${sql.identifier('region_path')}` }))?.params).toEqual(['510108%']);
  });
});
