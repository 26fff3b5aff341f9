import { and, asc, eq, ne, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { expect } from 'vitest';
import { DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { roleAssignments } from '../../platform/authz/authz.table.ts';
import { organisations, regions } from '../org/org.table.ts';
import { cast, type Cast } from '../councils/councils.testkit.ts';
import { projects } from './projects.table.ts';

/** The people of a delivery test: 望平社区's staff and residents, the supervisor, the implementing organisation. */
export interface DeliveryCast extends Cast {
  social: Client; supervisor: Client;
  orgId: string; orgName: string; communityId: string; otherCommunityId: string;
}

export async function deliveryCast(ctx: TestContext): Promise<DeliveryCast> {
  const c = await cast(ctx);
  const [social, supervisor] = await Promise.all([signIn(ctx.app, DEMO.socialOrg), signIn(ctx.app, DEMO.supervisor)]);
  const db = ctx.database.db;
  const [grant] = await db.select({ orgId: roleAssignments.organisationId, name: organisations.name }).from(roleAssignments)
    .innerJoin(organisations, eq(organisations.id, roleAssignments.organisationId)).where(eq(roleAssignments.role, 'social_org'));
  const communityPath = c.gridPath.slice(0, 12);
  const [home] = await db.select().from(regions).where(eq(regions.code, communityPath));
  const [other] = await db.select().from(regions).where(and(eq(regions.level, 'community'), ne(regions.code, communityPath))).orderBy(asc(regions.code)).limit(1);
  return { ...c, social, supervisor, orgId: grant!.orgId!, orgName: grant!.name, communityId: home!.id, otherCommunityId: other!.id };
}

/**
 * A project proposed by the demo resident (optionally answering a request of theirs), moved straight
 * to `status` with the organisation as implementer: the earlier steps belong to other helpers' code.
 */
export async function projectAt(ctx: TestContext, d: DeliveryCast, status: 'published' | 'in_progress', over: { communityId?: string; requestIds?: string[]; residents?: boolean } = {}): Promise<string> {
  const proposer = over.communityId && over.communityId !== d.communityId ? d.social : d.resident;
  const res = await proposer.request('POST', '/api/v1/projects', {
    communityId: over.communityId ?? d.communityId, title: '楼道照明改造', summary: '更换3栋至6栋楼道声控灯', reason: '老人夜间上下楼看不清', class: 'service',
    priorityArea: '社区总体营造', costFen: '1200000', beneficiaries: '3至6栋约400户居民', requestIds: over.requestIds ?? [],
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await ctx.database.db.update(projects).set({
    status, awardedFen: 1_100_000n,
    implementerOrganisationId: over.residents ? null : d.orgId, implementerLabel: over.residents ? '居民实施' : d.orgName,
  }).where(eq(projects.id, id));
  return id;
}

export const projectRow = async (ctx: TestContext, id: string) => (await ctx.database.db.select().from(projects).where(eq(projects.id, id)))[0]!;
export const rows = async (ctx: TestContext, table: string, projectId?: string) =>
  (await ctx.database.db.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}${projectId ? ` where project_id = '${projectId}'` : ''}`))).rows[0]!.n;
export const code = (res: { json(): unknown }) => (res.json() as { error?: { code: string } }).error?.code;

/** A multipart body with one file part, as a browser sends it. */
export function multipart(name: string, data: Buffer, type = 'application/octet-stream') {
  const boundary = '----gongzhi-delivery-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { body: Buffer.concat([head, data, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
export async function uploadPhoto(c: Client, data?: Buffer, name = 'IMG_0001.jpg') {
  const photo = data ?? await sharp({ create: { width: 800, height: 600, channels: 3, background: '#8aa' } })
    .jpeg().withExif({ IFD0: { Make: 'TestPhone', ImageDescription: '30.66N 104.08E' } }).toBuffer();
  const m = multipart(name, photo, 'image/jpeg');
  return c.request('POST', '/api/v1/project-photos', m.body, m.headers);
}

/** Opens an acceptance with five paper members, scores every card `score`, closes the panel. */
export async function scoreAcceptance(d: DeliveryCast, id: string, score: number) {
  const members = ['党组织', '议事会成员', '议事会成员', '监委会', '居民代表'].map((capacity, i) => ({ name: `评委${i + 1}`, capacity }));
  const opened = await d.secretary.request('POST', `/api/v1/projects/${id}/acceptance`, { members });
  expect(opened.statusCode, opened.body).toBe(201);
  const panelId = (opened.json().acceptances as { panelId: string; state: string }[]).find((a) => a.state === 'open')!.panelId;
  const panel = (await d.secretary.request('GET', `/api/v1/panels/${panelId}`)).json();
  for (const m of panel.members as { id: string }[]) {
    const res = await d.secretary.request('POST', `/api/v1/panels/${panelId}/scores`, {
      memberId: m.id, candidateId: panel.candidates[0].id, scores: (panel.criteria as { id: string }[]).map((cr) => ({ criterionId: cr.id, score })),
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const closed = await d.secretary.request('POST', `/api/v1/panels/${panelId}/close`);
  expect(closed.statusCode, closed.body).toBe(200);
  return panelId;
}
