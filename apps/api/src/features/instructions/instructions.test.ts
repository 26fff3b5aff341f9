import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { buildApp } from '../../app.ts';
import { openDatabase } from '../../platform/db/client.ts';

let ctx: TestContext;
let district: Client;
let grid: Client;
const q = async <T>(text: string, params: unknown[] = []) => (await ctx.database.pool.query(text, params)).rows as T[];
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const regionId = async (code: string) => (await q<{ id: string }>('SELECT id FROM regions WHERE code = $1', [code]))[0]!.id;

const draft = (body: Record<string, unknown>) => ({ title: '燃气安全排查通知', body: '请逐户告知燃气安全注意事项。', task: 'relay', deadline: inAnHour(), ...body });
/** Sends an instruction as `who`, knowing that parts may be unreachable (the demo district has uncovered micro-grids), and returns the response. */
const send = (who: Client, body: Record<string, unknown>) => who.request('POST', '/api/v1/instructions', draft({ acknowledgeUncovered: true, ...body }));

beforeAll(async () => {
  ctx = await createTestContext();
  district = await signIn(ctx.app, DEMO.district);
  grid = await signIn(ctx.app, DEMO.grid);
});
afterAll(async () => { await ctx.close(); });

describe('sending', () => {
  it('fans out to every micro-grid, worker and household of the district in one go, and queues the notices', async () => {
    const res = await send(district, { regionId: await regionId('510108'), channels: ['sms', 'wechat'] });
    expect(res.statusCode).toBe(201);
    const i = res.json();
    const [hh] = await q<{ n: number }>('SELECT count(*)::int n FROM households WHERE region_path LIKE $1 AND moved_out_at IS NULL', ['510108%']);
    const [mg] = await q<{ n: number }>("SELECT count(*)::int n FROM regions WHERE level = 'microgrid' AND code LIKE '510108%'");
    expect(i.households).toBe(hh!.n);
    expect(i.microgrids).toBe(mg!.n);
    expect(i.workers).toBe(1); // the demo grid worker holds one grid of four micro-grids
    const assignments = await q<{ n: number }>('SELECT count(*)::int n FROM instruction_assignments WHERE instruction_id = $1', [i.id]);
    expect(assignments[0]!.n).toBe(4);
    const outbox = await q<{ channel: string }>("SELECT channel FROM outbox WHERE template = 'instruction.sent' AND payload->>'instructionId' = $1 ORDER BY channel", [i.id]);
    expect(outbox.map((o) => o.channel)).toEqual(['sms', 'wechat']);
    expect((await q('SELECT 1 FROM audit_log WHERE action = $1 AND subject_id = $2', ['instruction.issue', i.id])).length).toBe(1);
  });

  it('narrows the target to households with a tagged resident', async () => {
    const res = await send(district, { regionId: await regionId('510108001001'), tags: ['elderly_alone'], title: '独居老人寒潮关怀' });
    expect(res.statusCode).toBe(201);
    const [hh] = await q<{ n: number }>(`SELECT count(*)::int n FROM households h WHERE region_path LIKE '510108001001%' AND EXISTS
      (SELECT 1 FROM residents r WHERE r.household_id = h.id AND 'elderly_alone' = ANY (r.tags) AND r.moved_out_at IS NULL)`);
    expect(res.json().households).toBe(hh!.n);
    expect(hh!.n).toBeGreaterThan(0);
  });

  it('refuses a past deadline, an empty target, a target nobody covers, a question-less collect — writing nothing', async () => {
    const before = await q<{ n: number }>('SELECT count(*)::int n FROM instructions');
    const past = await send(district, { regionId: await regionId('510108'), deadline: new Date(Date.now() - 60_000).toISOString() });
    expect(past.statusCode).toBe(422);
    expect(past.json().error.code).toBe('INSTRUCTION_DEADLINE_PAST');
    const districtId = await regionId('510108');
    await q(`INSERT INTO regions (id, parent_id, level, code, name, district_code) VALUES (gen_random_uuid(), (SELECT id FROM regions WHERE code = '510108001'), 'community', '510108001099', '空社区', '510108')`);
    const empty = await send(district, { regionId: await regionId('510108001099') });
    expect(empty.json().error.code).toBe('INSTRUCTION_TARGET_EMPTY');
    const nobody = await send(district, { regionId: await regionId('510108001002') });
    expect(nobody.statusCode).toBe(422);
    expect(nobody.json().error.code).toBe('INSTRUCTION_NO_WORKERS');
    const collect = await send(district, { regionId: districtId, task: 'collect' });
    expect(collect.json().error.code).toBe('INSTRUCTION_QUESTION_MISSING');
    const after = await q<{ n: number }>('SELECT count(*)::int n FROM instructions');
    expect(after[0]!.n).toBe(before[0]!.n);
    expect((await q<{ n: number }>("SELECT count(*)::int n FROM instruction_households WHERE instruction_id NOT IN (SELECT id FROM instructions)"))[0]!.n).toBe(0);
  });

  it('keeps issuing to officers within their own subtree', async () => {
    const secretary = await signIn(ctx.app, DEMO.secretary);
    const res = await send(secretary, { regionId: await regionId('510108') });
    expect(res.statusCode).toBe(404);
    expect((await send(grid, { regionId: await regionId('510108001001001') })).statusCode).toBe(403);
  });
});

describe('what cannot be reached (issue 15 · items 1, 2)', () => {
  type Part = { regionId: string; path: string; name: string; reason: string; households: number };
  const counts = async () => (await q<{ i: number; o: number; a: number }>(`SELECT (SELECT count(*)::int FROM instructions) i, (SELECT count(*)::int FROM outbox) o,
    (SELECT count(*)::int FROM audit_log WHERE action = 'instruction.issue') a`))[0]!;

  it('previews a send without writing anything: the counts sending would give and the micro-grids nobody covers', async () => {
    const before = await counts();
    const res = await district.request('POST', '/api/v1/instructions/preview', draft({ regionId: await regionId('510108') }));
    expect(res.statusCode).toBe(200);
    const p = res.json() as { microgrids: number; households: number; workers: number; uncoveredHouseholds: number; uncovered: Part[] };
    const [mg] = await q<{ n: number }>("SELECT count(*)::int n FROM regions WHERE level = 'microgrid' AND code LIKE '510108%'");
    expect(p.microgrids).toBe(mg!.n);
    expect(p.workers).toBe(1);
    // Only the demo grid worker's four micro-grids are covered: every other one is listed, with why.
    const noWorker = p.uncovered.filter((u) => u.reason === 'no_worker');
    expect(noWorker.length).toBeGreaterThan(0);
    expect(noWorker.every((u) => !u.path.startsWith('510108001001001'))).toBe(true);
    expect(p.uncoveredHouseholds).toBe(noWorker.reduce((n, u) => n + u.households, 0));
    expect(p.uncoveredHouseholds).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);
  });

  it('refuses to send to uncovered parts without an explicit acknowledgement, listing them; sends with it', async () => {
    const before = await counts();
    const body = draft({ regionId: await regionId('510108001') });
    const refused = await district.request('POST', '/api/v1/instructions', body);
    expect([refused.statusCode, refused.json().error.code]).toEqual([409, 'INSTRUCTION_UNCOVERED']);
    const details = refused.json().error.details as { uncovered: Part[]; households: number };
    expect(details.uncovered.some((u) => u.reason === 'no_worker')).toBe(true);
    expect(details.households).toBeGreaterThan(0);
    expect(await counts()).toEqual(before);

    const sent = await district.request('POST', '/api/v1/instructions', { ...body, acknowledgeUncovered: true });
    expect(sent.statusCode).toBe(201);
    const id = sent.json().id as string;
    const [audit] = await q<{ details: { acknowledgedUncovered: boolean; uncovered: number } }>('SELECT details FROM audit_log WHERE action = $1 AND subject_id = $2', ['instruction.issue', id]);
    expect(audit!.details).toMatchObject({ acknowledgedUncovered: true, uncovered: details.uncovered.length });
    // The progress page lists the parts it could not reach.
    const listed = await district.request('GET', `/api/v1/instructions/${id}/uncovered`);
    expect(listed.statusCode).toBe(200);
    expect((listed.json() as Part[]).map((u) => u.path)).toEqual(details.uncovered.map((u) => u.path));
  });

  it('sends without a question where everything is covered', async () => {
    const p = (await district.request('POST', '/api/v1/instructions/preview', draft({ regionId: await regionId('510108001001001') }))).json();
    expect(p.uncovered).toEqual([]);
    const res = await district.request('POST', '/api/v1/instructions', draft({ regionId: await regionId('510108001001001') }));
    expect(res.statusCode).toBe(201);
  });

  it('drops a micro-grid from the uncovered list once someone is assigned to it', async () => {
    const community = await regionId('510108001001');
    const first = (await district.request('POST', '/api/v1/instructions/preview', draft({ regionId: community }))).json() as { uncovered: Part[]; workers: number };
    const target = first.uncovered.find((u) => u.reason === 'no_worker' && u.households > 0)!;
    expect(target).toBeDefined();
    const [worker] = await q<{ id: string }>("SELECT u.id FROM users u JOIN role_assignments ra ON ra.user_id = u.id WHERE ra.role = 'grid_worker' LIMIT 1");
    const granted = await district.request('POST', `/api/v1/users/${worker!.id}/grants`, { role: 'grid_worker', regionId: target.regionId });
    expect(granted.statusCode).toBe(201);
    const after = (await district.request('POST', '/api/v1/instructions/preview', draft({ regionId: community }))).json() as { uncovered: Part[] };
    expect(after.uncovered.map((u) => u.path)).not.toContain(target.path);
    expect(after.uncovered.length).toBe(first.uncovered.length - 1);
    // The worker's own tests below count their micro-grids: give it back.
    await q('DELETE FROM role_assignments WHERE user_id = $1 AND region_id = $2', [worker!.id, target.regionId]);
  });

  it('checks the draft in the preview as sending does', async () => {
    const past = await district.request('POST', '/api/v1/instructions/preview', draft({ regionId: await regionId('510108'), deadline: new Date(Date.now() - 60_000).toISOString() }));
    expect(past.json().error.code).toBe('INSTRUCTION_DEADLINE_PAST');
    expect((await grid.request('POST', '/api/v1/instructions/preview', draft({ regionId: await regionId('510108001001001') }))).statusCode).toBe(403);
  });
});

describe('attachments', () => {
  const attach = (name: string, data: Buffer) => {
    const boundary = '----gz-attach';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      data, Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return district.request('POST', '/api/v1/instructions/attachments', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  };
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

  it('takes a document whose content is what its name says, and refuses one that lies about it', async () => {
    const ok = await attach('通知.pdf', PDF);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ name: '通知.pdf', mime: 'application/pdf', size: PDF.length });
    const lying = await attach('照片.jpg', PDF);
    expect([lying.statusCode, lying.json().error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const exe = await attach('说明.txt', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), Buffer.from('PE\0\0'), Buffer.alloc(200, 0)]));
    expect(exe.json().error.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect((await attach('run.exe', PDF)).json().error.code).toBe('VALIDATION_FAILED');
  });

  it('attaches only this actor’s own uploads, refuses bad keys with coded 4xx, and serves the sniffed type (issue 14 · item 10)', async () => {
    const regionIdOf = await regionId('510108001001');
    const mine = (await attach('通知.pdf', PDF)).json() as { key: string; name: string; size: number; mime: string };
    // Another officer's upload, or the same one claimed by someone else: refused.
    const street = await signIn(ctx.app, DEMO.street);
    const theirs = await send(street, { regionId: regionIdOf, attachments: [mine] });
    expect([theirs.statusCode, theirs.json().error.code]).toEqual([422, 'UPLOAD_NOT_YOURS']);
    // Path tricks and keys that were never uploaded: 4xx with a code, never 500.
    for (const key of ['../../../etc/passwd', '2026/01/../../secret.pdf', 'x']) {
      const bad = await send(district, { regionId: regionIdOf, attachments: [{ ...mine, key }] });
      expect([bad.statusCode, bad.json().error.code], key).toEqual([400, 'UPLOAD_KEY_INVALID']);
    }
    const unknown = await send(district, { regionId: regionIdOf, attachments: [{ ...mine, key: '2026/01/AAAAAAAAAAAAAAAAAAAAAA.pdf' }] });
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([422, 'UPLOAD_NOT_YOURS']);
    // The caller's type is not believed: stored and served as what the bytes are, with nosniff.
    const sent = await send(district, { regionId: regionIdOf, attachments: [{ ...mine, mime: 'text/html', size: 1 }] });
    expect(sent.statusCode, sent.body).toBe(201);
    const id = sent.json().id as string;
    const detail = (await district.request('GET', `/api/v1/instructions/${id}`)).json();
    expect(detail.attachments[0]).toMatchObject({ mime: 'application/pdf', size: PDF.length });
    const file = await district.request('GET', `/api/v1/instructions/${id}/attachments/0`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toMatch(/^attachment; filename\*=UTF-8''/);
  });
});

describe('working it', () => {
  let id: string;
  beforeAll(async () => {
    id = (await send(district, { regionId: await regionId('510108001'), task: 'collect', question: '家中是否安装燃气报警器？' })).json().id;
  });

  it('lets the worker acknowledge once, and the progress counts it at every level', async () => {
    const inbox = (await grid.request('GET', '/api/v1/instructions/inbox')).json();
    expect(inbox.items.some((x: { id: string; ackedAt: string | null }) => x.id === id && x.ackedAt === null)).toBe(true);
    expect((await grid.request('POST', `/api/v1/instructions/${id}/ack`)).json()).toEqual({ acked: 4 });
    expect((await grid.request('POST', `/api/v1/instructions/${id}/ack`)).json()).toEqual({ acked: 0 });
    const mine = (await grid.request('GET', `/api/v1/instructions/${id}/mine`)).json();
    expect(mine.ackedAt).not.toBeNull();
    expect(mine.mine.households).toBeGreaterThan(0);
    expect((await district.request('POST', `/api/v1/instructions/${id}/ack`)).statusCode).toBe(403);
    const p = (await district.request('GET', `/api/v1/instructions/${id}/progress`)).json();
    expect(p.node.path).toBe('510108001');
    expect(p.node.acked).toBe(4);
    expect(p.node.unstaffed).toBe(p.node.microgrids - 4); // only the demo grid worker's four micro-grids are staffed
    expect(p.children.map((c: { path: string }) => c.path)).toEqual(['510108001001', '510108001002']);
    expect(p.children.reduce((s: number, c: { households: number }) => s + c.households, 0)).toBe(p.node.households);
    const leaf = (await district.request('GET', `/api/v1/instructions/${id}/progress?path=510108001001001001`)).json();
    expect(leaf.children).toEqual([]);
    expect(leaf.node.level).toBe('microgrid');
    const other = await signIn(ctx.app, DEMO.secretary);
    expect((await other.request('GET', `/api/v1/instructions/${id}/progress?path=510108001002`)).statusCode).toBe(404);
    expect((await other.request('GET', `/api/v1/instructions/${id}/progress`)).json().node.path).toBe('510108001001');
  });

  it('records households of the worker’s micro-grids only, moving the counters exactly', async () => {
    const list = (await grid.request('GET', `/api/v1/instructions/${id}/households`)).json() as { householdId: string; status: string; link: string }[];
    expect(list.length).toBeGreaterThan(10);
    const [a, b] = list;
    const rec = (h: string, body: object) => grid.request('POST', `/api/v1/instructions/${id}/households/${h}`, body);
    expect((await rec(a!.householdId, { outcome: 'reached' })).json().error.code).toBe('INSTRUCTION_ANSWER_MISSING');
    expect((await rec(a!.householdId, { outcome: 'reached', answer: '已安装' })).statusCode).toBe(200);
    expect((await rec(b!.householdId, { outcome: 'not_home' })).statusCode).toBe(200);
    expect((await rec(b!.householdId, { outcome: 'refused' })).statusCode).toBe(200);
    const [outside] = await q<{ id: string }>("SELECT id FROM households WHERE region_path LIKE '510108001001002%' LIMIT 1");
    const bad = await rec(outside!.id, { outcome: 'reached', answer: 'x' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('INSTRUCTION_HOUSEHOLD_OUTSIDE');
    expect((await rec(a!.householdId, { outcome: 'bogus' })).statusCode).toBe(400);
    const p = (await district.request('GET', `/api/v1/instructions/${id}/progress?path=510108001001001`)).json();
    expect([p.node.reached, p.node.notHome, p.node.refused]).toEqual([1, 0, 1]);
    const unreached = (await district.request('GET', `/api/v1/instructions/${id}/unreached?path=510108001001001&limit=200`)).json();
    expect(unreached.total).toBe(p.node.households - 2);
  });

  it('lets a household confirm through its signed personal link without signing in', async () => {
    const list = (await grid.request('GET', `/api/v1/instructions/${id}/households`)).json() as { householdId: string; status: string; link: string }[];
    const h = list.find((x) => x.status === 'pending')!;
    const token = h.link.split('/').pop()!;
    const view = await ctx.app.inject({ method: 'GET', url: `/api/v1/instruction-links/${token}` });
    expect(view.statusCode).toBe(200);
    expect(view.json().question).toBe('家中是否安装燃气报警器？');
    const ok = await ctx.app.inject({ method: 'POST', url: `/api/v1/instruction-links/${token}`, payload: { answer: '没有' } });
    expect(ok.statusCode).toBe(200);
    const row = await q<{ status: string; via: string; answer: string }>('SELECT status, via, answer FROM instruction_households WHERE instruction_id = $1 AND household_id = $2', [id, h.householdId]);
    expect(row[0]).toEqual({ status: 'reached', via: 'link', answer: '没有' });
    // The household's own word stands: a worker's record cannot overwrite it (issue 14 · item 11a).
    const over = await grid.request('POST', `/api/v1/instructions/${id}/households/${h.householdId}`, { outcome: 'refused' });
    expect(over.statusCode).toBe(409);
    expect(over.json().error.code).toBe('INSTRUCTION_HOUSEHOLD_CONFIRMED');
    const after = await q<{ status: string; via: string; answer: string }>('SELECT status, via, answer FROM instruction_households WHERE instruction_id = $1 AND household_id = $2', [id, h.householdId]);
    expect(after[0]).toEqual({ status: 'reached', via: 'link', answer: '没有' });
    const forged = token.slice(0, -2) + (token.endsWith('A') ? 'BB' : 'AA');
    expect((await ctx.app.inject({ method: 'GET', url: `/api/v1/instruction-links/${forged}` })).json().error.code).toBe('INSTRUCTION_LINK_INVALID');
  });

  it('exports the report per region as .xlsx', async () => {
    const res = await district.request('GET', `/api/v1/instructions/${id}/report.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});

describe('reminders and live progress', () => {
  it('reminds those who have not acknowledged, through the outbox', async () => {
    const id = (await send(district, { regionId: await regionId('510108001001') })).json().id;
    const res = await district.request('POST', `/api/v1/instructions/${id}/remind`, {});
    expect(res.json()).toEqual({ reminded: 1 });
    expect((await q("SELECT 1 FROM outbox WHERE template = 'instruction.reminder' AND payload->>'instructionId' = $1", [id])).length).toBe(1);
    await grid.request('POST', `/api/v1/instructions/${id}/ack`);
    expect((await district.request('POST', `/api/v1/instructions/${id}/remind`, {})).json()).toEqual({ reminded: 0 });
  });

  it('pushes a progress event over SSE when a worker acknowledges through another API process', async () => {
    const id = (await send(district, { regionId: await regionId('510108') })).json().id;
    // A second app on its own pool stands in for a second API process behind the proxy.
    const other = openDatabase(ctx.url, { max: 2 });
    const second = await buildApp({ db: other.db, vault: ctx.vault, storage: ctx.storage, dbKind: 'server' });
    const gridThere = await signIn(second, DEMO.grid);
    const url = await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const res = await fetch(`${url}/api/v1/instructions/${id}/progress/stream`, { headers: { cookie: district.cookie } });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const events: { node: { acked: number } }[] = [];
    let buf = '';
    const next = async () => {
      for (;;) {
        const m = /event: progress\ndata: (.*)\n\n/.exec(buf);
        if (m) { buf = buf.slice(m.index + m[0].length); return JSON.parse(m[1]!) as { node: { acked: number } }; }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buf += new TextDecoder().decode(value);
      }
    };
    events.push(await next());
    expect(events[0]!.node.acked).toBe(0);
    await gridThere.request('POST', `/api/v1/instructions/${id}/ack`);
    events.push(await next());
    expect(events[1]!.node.acked).toBe(4);
    await reader.cancel();
    await second.close();
    await other.close();
  });
});
