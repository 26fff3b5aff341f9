import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { createTestContext, DEMO, signIn, type Client, type TestContext } from '../../../test/harness.ts';
import { auditLog } from '../../platform/audit/audit.table.ts';
import { requests } from '../requests/requests.table.ts';
import { assertValid, form, open311Schemas, parseXml, pointIn } from './open311.testkit.ts';

let ctx: TestContext;
let admin: Client, worker: Client;
let key: string, keyId: string;
let point: { lat: number; long: number };
const schemas = open311Schemas();
const V2 = '/open311/v2';

beforeAll(async () => {
  ctx = await createTestContext();
  [admin, worker] = await Promise.all([signIn(ctx.app, DEMO.admin), signIn(ctx.app, DEMO.worker)]);
  const made = await admin.request('POST', '/api/v1/open311/keys', { name: 'fixmystreet', districtCode: '510108' });
  expect(made.statusCode).toBe(201);
  ({ key, id: keyId } = made.json());
  point = await pointIn(ctx.database.db, '510108001001001001');
});
afterAll(async () => { await ctx.close(); });

const get = (url: string) => ctx.app.inject({ method: 'GET', url: `${V2}${url}` });
const postForm = (fields: Record<string, string | number>, format = 'json', headers: Record<string, string> = {}) => ctx.app.inject({
  method: 'POST', url: `${V2}/requests.${format}`, payload: form(fields), headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
});
const postJson = (body: Record<string, unknown>) => ctx.app.inject({ method: 'POST', url: `${V2}/requests.json`, payload: body });
const countRequests = async () => (await ctx.database.db.select({ n: sql<number>`count(*)::int` }).from(requests))[0]!.n;
/** Files a request with the test key and returns its id. */
const file = async (fields: Record<string, string | number>) => {
  const res = await postForm({ api_key: key, ...fields });
  expect(res.statusCode, res.body).toBe(200);
  return res.json()[0].service_request_id as string;
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The request behind a public id. */
const byPublicId = async (publicId: string) => (await ctx.database.db.select().from(requests).where(eq(requests.publicId, publicId)))[0]!;
/** Staff sort a request (三事分流), which is what makes it public unless it is private. */
const sortAs = async (publicId: string, matter: 'big' | 'small' | 'private', categoryCode = 'street_order') => {
  const r = await byPublicId(publicId);
  const res = await worker.request('POST', `/api/v1/requests/${r.id}/events`, { event: 'sort', matter, ...(matter === 'big' ? { categoryCode } : {}) });
  expect(res.statusCode, res.body).toBe(200);
};
const expectErrors = (res: { statusCode: number; json(): unknown }, status: number) => {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { code: number; description: string }[];
  expect(Array.isArray(body) && body.length > 0).toBe(true);
  for (const e of body) expect(e).toEqual({ code: status, description: expect.any(String) });
  return body;
};

describe('discovery and services', () => {
  it('describes the endpoint in JSON and XML', async () => {
    const res = await get('/discovery.json');
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    const d = res.json();
    expect(d).toEqual({ changeset: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/), contact: expect.any(String), key_service: expect.stringContaining('open311-key create'), endpoints: [expect.any(Object)] });
    expect(d.endpoints[0]).toEqual({ specification: 'http://wiki.open311.org/GeoReport_v2', url: expect.stringMatching(/\/open311\/v2$/), changeset: d.changeset, type: 'production', formats: ['text/xml', 'application/json'] });
    const xml = await get('/discovery.xml');
    expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
    expect(parseXml(xml.body).discovery.endpoints.endpoint[0].formats.format).toEqual(['text/xml', 'application/json']);
  });

  it('lists the district catalogue as services, and serves an empty definition for each', async () => {
    const res = await get('/services.json?jurisdiction_id=510108');
    assertValid(schemas.services, res.json());
    const services = res.json() as { service_code: string; metadata: boolean; type: string }[];
    expect(services.length).toBeGreaterThan(20);
    expect(services.find((s) => s.service_code === 'street_order')).toMatchObject({ service_name: '占道经营与市容', metadata: false, type: 'realtime', group: '大事' });
    expect((await get('/services.json')).json()).toEqual(services); // one district: jurisdiction_id may be left out
    const en = await ctx.app.inject({ method: 'GET', url: `${V2}/services.json`, headers: { 'accept-language': 'en' } });
    expect(en.json().find((s: { service_code: string }) => s.service_code === 'street_order').service_name).toBe('Street vending, outdoor ads and city appearance');
    const xml = parseXml((await get('/services.xml')).body);
    expect(xml.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(services.map((s) => s.service_code));
    expect(xml.services.service[0].metadata).toBe('false');

    const def = await get('/services/street_order.json');
    assertValid(schemas.serviceDefinition, def.json());
    expect(def.json()).toEqual({ service_code: 'street_order', attributes: [] });
    expect(parseXml((await get('/services/street_order.xml')).body).service_definition).toEqual({ service_code: 'street_order', attributes: '' });
    expectErrors(await get('/services/no_such_thing.json'), 404);
    expect(parseXml((await get('/services/no_such_thing.xml')).body).errors.error[0].code).toBe('404');
    expectErrors(await get('/services.json?jurisdiction_id=999999'), 404);
  });
});

describe('POST requests', () => {
  it('takes a form with a valid key and answers the service_request_id', async () => {
    const res = await postForm({ api_key: key, jurisdiction_id: '510108', service_code: 'street_order', ...point, description: '路口有人占道卖菜', first_name: '三', last_name: '张', phone: '13912340001', email: 'z@example.com' });
    expect(res.statusCode, res.body).toBe(200);
    assertValid(schemas.postAnswer, res.json());
    const id = res.json()[0].service_request_id;
    expect(id).toMatch(UUID); // random, not the sequential staff number
    expect(res.json()[0]).not.toHaveProperty('token'); // one or the other, never both

    const [row] = await ctx.database.db.select().from(requests).where(eq(requests.publicId, id));
    expect(row!.number).toMatch(/^GZ\d{8}$/);
    expect(row).toMatchObject({ channel: 'open311', regionPath: '510108001001001001', reporterName: '张三', reporterPhoneMasked: '139****0001', reporterUserId: null, state: 'received' });
    expect(row!.reporterPhoneCipher).not.toContain('13912340001');
    const [audited] = await ctx.database.db.select().from(auditLog).where(eq(auditLog.subjectId, row!.id));
    expect(audited).toMatchObject({ action: 'request.create', actorName: 'Open311:fixmystreet', actorId: keyId });
    // Staff see it in their queue like any other request.
    expect((await worker.request('GET', `/api/v1/requests/${row!.id}`)).json()).toMatchObject({ channel: 'open311', reporter: { name: '张三', phone: '139****0001' } });
  });

  it('takes JSON too, and a bare address leaves the request unplaced in the district', async () => {
    const res = await postJson({ api_key: key, service_code: 'sanitation', address_string: '成华区建设路 12 号门口', description: '垃圾桶满了没人清' });
    expect(res.statusCode, res.body).toBe(200);
    assertValid(schemas.postAnswer, res.json());
    expect(parseXml((await postForm({ api_key: key, service_code: 'sanitation', address_id: 'A-1' }, 'xml')).body).service_requests.request[0].service_request_id).toMatch(UUID);
    const [row] = await ctx.database.db.select().from(requests).where(eq(requests.publicId, res.json()[0].service_request_id));
    expect(row).toMatchObject({ regionId: null, regionPath: '510108', address: '成华区建设路 12 号门口' });
  });

  it('refuses a missing, wrong or foreign key with 403, before looking at anything else', async () => {
    const before = await countRequests();
    expectErrors(await postForm({ service_code: 'street_order', ...point }), 403);
    expectErrors(await postForm({ api_key: 'o311_not-a-key', service_code: 'street_order', ...point }), 403);
    expectErrors(await postForm({ api_key: 'o311_not-a-key' }), 403);
    const xml = await postForm({ api_key: 'wrong', service_code: 'street_order', ...point }, 'xml');
    expect(xml.statusCode).toBe(403);
    expect(parseXml(xml.body).errors.error[0]).toEqual({ code: '403', description: expect.any(String) });
    expectErrors(await postForm({ api_key: key, jurisdiction_id: '999999', service_code: 'street_order', ...point }), 404);
    expect(await countRequests()).toBe(before);
  });

  it('answers bad input with the status the specification gives, writing nothing', async () => {
    const before = await countRequests();
    expectErrors(await postForm({ api_key: key, service_code: 'no_such_service', ...point }), 404);
    expectErrors(await postForm({ api_key: key, ...point }), 400); // no service_code
    expectErrors(await postForm({ api_key: key, service_code: 'street_order', description: '没有位置' }), 400);
    expectErrors(await postForm({ api_key: key, service_code: 'street_order', lat: point.lat }), 400); // lat without long
    expectErrors(await postForm({ api_key: key, service_code: 'street_order', lat: 39.9, long: 116.4 }), 400); // outside every grid
    expectErrors(await postForm({ api_key: key, service_code: 'street_order', lat: 'north', long: 116.4 }), 400);
    const long = expectErrors(await postForm({ api_key: key, service_code: 'street_order', ...point, description: '长'.repeat(4001) }), 400);
    expect(long[0]!.description).toContain('4000');
    expectErrors(await postForm({ api_key: key, service_code: 'street_order', ...point, phone: '12345' }), 400);
    const both = expectErrors(await postForm({ api_key: key, description: '长'.repeat(4001) }), 400);
    expect(both.length).toBe(3); // service_code, description and location, each reported
    expect(await countRequests()).toBe(before);
    expect((await postForm({ api_key: key, service_code: 'street_order', ...point, description: '长'.repeat(4000) })).statusCode).toBe(200);
  });

  it('is not subject to the console session or its CSRF check', async () => {
    // A signed-in browser's cookie goes along, without the CSRF header: the api_key alone decides.
    const res = await postForm({ api_key: key, service_code: 'street_order', ...point }, 'json', { cookie: admin.cookie });
    expect(res.statusCode, res.body).toBe(200);
    expectErrors(await postForm({ service_code: 'street_order', ...point }, 'json', { cookie: admin.cookie, 'x-csrf-token': admin.csrf }), 403);
  });
});

describe('GET requests', () => {
  let open: string, closed: string, other: string;
  beforeAll(async () => {
    open = await file({ service_code: 'street_order', ...point, description: '占道 open' });
    closed = await file({ service_code: 'street_order', ...point, description: '占道 closed' });
    other = await file({ service_code: 'sanitation', ...point, description: '环卫 other' });
    for (const x of [open, closed]) await sortAs(x, 'big');
    await sortAs(other, 'big', 'sanitation');
    const [row] = await ctx.database.db.select().from(requests).where(eq(requests.publicId, closed));
    const rejected = await worker.request('POST', `/api/v1/requests/${row!.id}/events`, { event: 'reject', reason: '重复反映' });
    expect(rejected.json().state).toBe('rejected');
  });
  // The demo city's year of requests is listed too; these checks are about the three filed here.
  const own = (list: string[]) => list.filter((id) => [open, closed, other].includes(id));
  const ids = async (query: string) => {
    const res = await get(`/requests.json${query}`);
    expect(res.statusCode, res.body).toBe(200);
    assertValid(schemas.requests, res.json());
    return own((res.json() as { service_request_id: string }[]).map((r) => r.service_request_id));
  };

  it('filters by status, service_code, dates and ids', async () => {
    const all = await ids('');
    expect(all).toEqual(expect.arrayContaining([open, closed, other]));
    expect(await ids('?status=closed')).toEqual([closed]);
    expect(await ids('?status=open')).toEqual(expect.arrayContaining([open, other]));
    expect(await ids('?status=open')).not.toContain(closed);
    expect((await ids('?status=open,closed')).sort()).toEqual([...all].sort());
    const streetOrder = await ids('?service_code=street_order');
    expect(streetOrder).toEqual(expect.arrayContaining([open, closed]));
    expect(streetOrder).not.toContain(other);
    expect(await ids('?service_code=sanitation,street_order&status=closed')).toEqual([closed]);

    const made = new Date((await get(`/requests/${open}.json`)).json()[0].requested_datetime).getTime();
    const at = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
    expect(await ids(`?start_date=${at(made - 60_000)}&end_date=${at(made + 60_000)}`)).toContain(open);
    expect(await ids(`?start_date=${at(made + 60_000)}`)).not.toContain(open);
    expect(await ids(`?end_date=${at(made - 60_000)}`)).not.toContain(open);
    expectErrors(await get(`/requests.json?start_date=${at(made - 91 * 86_400_000)}&end_date=${at(made)}`), 400);
    expectErrors(await get('/requests.json?start_date=yesterday'), 400);
    expectErrors(await get('/requests.json?start_date=2026-02-31T00:00:00Z'), 400);
    expectErrors(await get('/requests.json?status=pending'), 400);

    // service_request_id overrides every other argument.
    expect((await ids(`?service_request_id=${open},${closed}&status=open&service_code=sanitation`)).sort()).toEqual([open, closed].sort());
    expect(await ids('?service_request_id=GZ99999999')).toEqual([]);
    // The sequential staff number is no public id: it finds nothing.
    expect(await ids(`?service_request_id=${(await byPublicId(open)).number}`)).toEqual([]);
    expectErrors(await get('/requests.json?jurisdiction_id=999999'), 404);
  });

  it('answers one request, in JSON and XML, by requests/{id} (and swagger.json’s request/{id})', async () => {
    const one = await get(`/requests/${closed}.json`);
    assertValid(schemas.requests, one.json());
    expect(one.json()).toEqual([expect.objectContaining({ service_request_id: closed, status: 'closed', status_notes: '不予受理', service_code: 'street_order', description: '占道 closed', lat: point.lat, long: point.long })]);
    expect((await get(`/request/${closed}.json`)).json()).toEqual(one.json());
    const xml = parseXml((await get(`/requests/${open}.xml`)).body);
    expect(xml.service_requests.request[0]).toMatchObject({ service_request_id: open, status: 'open', description: '占道 open', address_id: '' });
    expect(own(parseXml((await get('/requests.xml?status=closed')).body).service_requests.request.map((r: { service_request_id: string }) => r.service_request_id))).toEqual([closed]);
    expectErrors(await get('/requests/GZ99999999.json'), 404);
    expect(parseXml((await get('/requests/GZ99999999.xml')).body).errors.error[0].code).toBe('404');
    const html = await get(`/requests/${open}.html`);
    expect(html.statusCode).toBe(404); // neither format asked for: the error comes in XML, the required one
    expect(parseXml(html.body).errors.error[0].code).toBe('404');
  });

  it('resolves a token to the id for requests filed through Open311 only', async () => {
    const t = await get(`/tokens/${open}.json`);
    assertValid(schemas.tokenAnswer, t.json());
    expect(t.json()).toEqual([{ service_request_id: open, token: open }]);
    expect(parseXml((await get(`/tokens/${open}.xml`)).body).service_requests.request[0]).toEqual({ service_request_id: open, token: open });
    expectErrors(await get('/tokens/12345.json'), 404);
  });

  it('never shows who reported, anonymous or not, and keeps markup as text', async () => {
    const resident = await signIn(ctx.app, DEMO.resident);
    const made = await resident.request('POST', '/api/v1/requests', { description: '<b>楼下</b> & <script>alert(1)</script> 井盖丢了', anonymous: true, lat: point.lat, lng: point.long });
    expect(made.statusCode, made.body).toBe(201);
    const [row] = await ctx.database.db.select().from(requests).where(eq(requests.id, made.json().id));
    expect(row!.reporterName).toBeTruthy();
    const named = await file({ service_code: 'street_order', ...point, first_name: '四', last_name: '李', phone: '13912340002', email: 'li@example.com' });
    await sortAs(row!.publicId, 'big');
    await sortAs(named, 'big');
    for (const number of [row!.publicId, named]) {
      const json = await get(`/requests/${number}.json`);
      const xml = await get(`/requests/${number}.xml`);
      for (const body of [json.body, xml.body]) {
        for (const secret of [row!.reporterName!, '李四', '13912340002', '139****0002', '13900000013', '139****0013', 'li@example.com']) expect(body).not.toContain(secret);
      }
      expect(Object.keys(json.json()[0]).sort()).toEqual(['address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url',
        'requested_datetime', 'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode']);
    }
    const text = '<b>楼下</b> & <script>alert(1)</script> 井盖丢了';
    expect((await get(`/requests/${row!.publicId}.json`)).json()[0].description).toBe(text);
    const xml = (await get(`/requests/${row!.publicId}.xml`)).body;
    expect(xml).not.toContain('<script>');
    expect(parseXml(xml).service_requests.request[0].description).toBe(text);
    expect((await get(`/tokens/${row!.publicId}.json`)).statusCode).toBe(404); // not filed through Open311
  });

  it('shows nothing of a request until it is sorted, nothing of a private matter ever, and masks numbers in the text (issue 14 · item 4)', async () => {
    const text = '楼道灯坏了，请联系王阿姨 13812345678，身份证 510104199003071234，邮箱 wang@example.com';
    const id = await file({ service_code: 'street_order', ...point, description: text });
    const secrets = ['13812345678', '510104199003071234', 'wang@example.com'];
    // Unsorted: not listed, not found by id, not even by the id its filer holds.
    expect(await ids('')).not.toContain(id);
    expect(await ids(`?service_request_id=${id}`)).toEqual([]);
    expectErrors(await get(`/requests/${id}.json`), 404);
    // Sorted as a public matter: listed, the numbers masked.
    await sortAs(id, 'small');
    const one = (await get(`/requests/${id}.json`)).json()[0];
    expect(one.description).toBe('楼道灯坏了，请联系王阿姨 138****5678，身份证 510***********1234，邮箱 w***@example.com');
    const list = (await get('/requests.json')).body + (await get('/requests.xml')).body;
    for (const secret of secrets) expect(list).not.toContain(secret);
    // A private matter stays private, listed or asked for by id.
    const own = await file({ service_code: 'street_order', ...point, description: '家事 13812345678' });
    await sortAs(own, 'private');
    expect(await ids('')).not.toContain(own);
    expectErrors(await get(`/requests/${own}.json`), 404);
    expectErrors(await get(`/tokens/${own}.json`), 404);
  });

  it('erases the reporter\'s own name from the public description and address (probe item 2)', async () => {
    const id = await file({ service_code: 'street_order', ...point, first_name: '小明', last_name: '王', address_string: '建设路12号 王小明家门口', description: '我是王小明，门口的路灯坏了' });
    await sortAs(id, 'small');
    const json = (await get(`/requests/${id}.json`)).json()[0];
    expect(json).toMatchObject({ description: '我是某某，门口的路灯坏了', address: '建设路12号 某某家门口' });
    const all = (await get(`/requests/${id}.xml`)).body + (await get('/requests.json')).body;
    expect(all).not.toContain('王小明');
    // Staff in scope still read the words as written.
    expect((await worker.request('GET', `/api/v1/requests/${(await byPublicId(id)).id}`)).json().description).toBe('我是王小明，门口的路灯坏了');
  });

  it('erases the reporter\'s name in either order when first_name holds the family name (probe 2 · item 2)', async () => {
    const id = await file({ service_code: 'street_order', ...point, first_name: '王', last_name: '大锤', address_string: '锦绣花园 王大锤家', description: '我是王大锤，楼下在装修' });
    await sortAs(id, 'small');
    const json = (await get(`/requests/${id}.json`)).json()[0];
    expect(json).toMatchObject({ description: '我是某某，楼下在装修', address: '锦绣花园 某某家' });
    const all = (await get(`/requests/${id}.xml`)).body + (await get('/requests.json')).body;
    for (const secret of ['王大锤', '大锤王']) expect(all).not.toContain(secret);
  });
});
