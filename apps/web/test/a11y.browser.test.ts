import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO, signIn, type Client } from '../../api/test/harness.ts';
import { launchBrowser, signInPage, startSite, type Site } from './browser.ts';

// Issue 15 items 9–11: every page, as the roles that use it, in normal and elder mode, has no serious or
// critical axe-core violation, its controls are big enough to hit, and its dates and tags never wrap inside.
// axe is injected with page.evaluate: the site's CSP (rightly) refuses a <script> tag.
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let site: Site;
let browser: Browser;
beforeAll(async () => { [site, browser] = await Promise.all([startSite(), launchBrowser()]); });
afterAll(async () => { await browser?.close(); await site?.close(); });

/** The first row of a list answer, whether it is an array, `{ items }` or another wrapper. */
function first(json: unknown): Record<string, unknown> | undefined {
  if (Array.isArray(json)) return json[0] as Record<string, unknown> | undefined;
  if (json && typeof json === 'object') {
    for (const v of Object.values(json)) if (Array.isArray(v) && v.length) return v[0] as Record<string, unknown>;
  }
  return undefined;
}

/** The id (or another field) of the first row `path` lists for `phone`, or undefined when there is none. */
const clients = new Map<string, Promise<Client>>();
/** One API session per demo account (signing in again and again trips the sign-in throttle). */
const session = (phone: string) => clients.get(phone) ?? clients.set(phone, signIn(site.ctx.app, phone)).get(phone)!;

async function firstOf(phone: string, path: string, field = 'id'): Promise<string | undefined> {
  const client = await session(phone);
  const res = await client.request('GET', path);
  if (res.statusCode !== 200) return undefined;
  const v = first(res.json())?.[field];
  return v === undefined || v === null ? undefined : String(v);
}

interface Finding { page: string; what: string }

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP = { viewport: { width: 1366, height: 860 } };

/** Waits until the page has drawn its data: no spinner, no skeleton, the network quiet. */
async function settle(page: Page) {
  await page.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-spin-blur, .ant-skeleton-active'), undefined, { timeout: 10_000 }).catch(() => undefined);
  await page.waitForTimeout(150);
}

/** Serious and critical axe violations on the page now. */
async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[]; failureSummary?: string }[] }[] }> } };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .filter((v) => v.nodes.length > 0)
      .map((v) => `${v.impact} ${v.id} ×${v.nodes.length}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')} — ${(v.nodes[0]?.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 160)}`);
  });
}

/**
 * Controls in the page's main content smaller than `min` px either way (WCAG 2.5.5/2.5.8; 48 in elder
 * mode). Inline links inside running text are exempt (2.5.8's inline exception), as are controls antd hides.
 */
async function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((min) => {
    // The top bar (the phone's menu button, the bell) and the page's own content.
    const roots = [document.querySelector('.gz-header'), document.querySelector('.gz-content') ?? document.querySelector('main') ?? document.body].filter((r): r is Element => r !== null);
    const sel = 'button, a[href], input:not([type=hidden]), select, textarea, [role=button], [role=combobox], .ant-select, [role=checkbox], [role=radio], [role=switch]';
    const out: string[] = [];
    for (const el of roots.flatMap((root) => Array.from(root.querySelectorAll<HTMLElement>(sel)))) {
      // Inner parts of a control measured as the control itself (antd's select search input, a checkbox's input).
      if (el.matches('input') && el.closest('.ant-select, .ant-checkbox, .ant-radio, .ant-switch, .ant-input-affix-wrapper, .ant-input-number, .ant-picker, .ant-upload')) continue;
      if (el.closest('[aria-hidden=true], .ant-table-measure-row, .ant-select-dropdown')) continue;
      // A picker's clear cross has an equivalent (pick or delete the value in the box itself; WCAG 2.5.8).
      if (el.matches('.ant-picker-clear, .ant-select-clear')) continue;
      // A control inside a clickable row or card is fine: the whole row or card is the target.
      if (el.closest('.gz-row-link, .gz-card-link')) continue;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (r.width === 0 || r.height === 0 || style.visibility === 'hidden') continue;
      if (el.matches('a') && el.closest('p, li, .ant-typography, .ant-descriptions-item-content, .ant-alert-description, .ant-alert-message') && !el.matches('.ant-btn')) {
        const parent = el.parentElement;
        const text = (parent?.textContent ?? '').trim();
        if (text.length > (el.textContent ?? '').trim().length) continue; // inline in a sentence
      }
      // The smaller side may be enlarged by the tap area around it (a ::before, padding): take the larger of the two.
      const w = Math.max(r.width, el.offsetWidth), h = Math.max(r.height, el.offsetHeight);
      // Switches, checkboxes and radios sit in a row of their own label: WCAG 2.5.8's 24 px minimum applies.
      const least = el.matches('.ant-switch, [role=checkbox], [role=radio]') ? 24 : min;
      if (w + 0.5 < least || h + 0.5 < least) {
        const name = (el.getAttribute('aria-label') ?? el.textContent ?? el.getAttribute('placeholder') ?? '').trim().slice(0, 20);
        out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${name}" ${Math.round(w)}×${Math.round(h)}`);
      }
    }
    return [...new Set(out)].slice(0, 8);
  }, min);
}

/** Dates and tags that wrap inside themselves (more than one line box). */
async function wrapped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.ant-tag, .gz-date, time'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0) continue;
      const lh = parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.6;
      if (el.getClientRects().length > 1 || r.height > lh * 1.5 + 8) out.push(`${el.className.split(' ')[0] || el.tagName} "${(el.textContent ?? '').slice(0, 16)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    // A date ("2026-12-19"; its time may go to the next line) or a short Chinese label (≤ 6 characters, 飞线充电) in
    // running text, a tile, a card or a cell must sit on one line: its characters' boxes share one top.
    const pattern = /\d{4}-\d{2}-\d{2}|^[\u4e00-\u9fff]{2,6}$/g;
    const walker = document.createTreeWalker(document.querySelector('#root') ?? document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      for (const m of text.trim() === text ? text.matchAll(pattern) : text.trim().matchAll(pattern)) {
        const start = text.indexOf(m[0]);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + m[0].length);
        const tops = new Set(Array.from(range.getClientRects()).filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) out.push(`"${m[0]}" breaks across ${tops.size} lines`);
      }
    }
    return [...new Set(out)].slice(0, 5);
  });
}

/** Visits each route in normal then elder mode and records what fails. */
async function audit(ctx: BrowserContext, routes: (string | undefined)[], phone: string | null, findings: Finding[], label: string) {
  const page = await ctx.newPage();
  if (phone) await signInPage(page, site.baseUrl, phone);
  for (const elder of [false, true]) {
    await page.goto(`${site.baseUrl}/login`);
    await page.evaluate((on) => localStorage.setItem('gz.elder', String(on)), elder);
    for (const route of routes) {
      // Every route is checked: one needing a demo row the demo data lacks is a finding, not a skip.
      if (!route) { findings.push({ page: label, what: 'a route needing a demo row has none in the demo data' }); continue; }
      const name = `${label} ${route}${elder ? ' [elder]' : ''}`;
      await page.goto(`${site.baseUrl}${route}`);
      await settle(page);
      for (const v of await axeViolations(page)) findings.push({ page: name, what: `axe ${v}` });
      for (const s of await smallTargets(page, elder ? 48 : 44)) findings.push({ page: name, what: `small target ${s}` });
      for (const w of await wrapped(page)) findings.push({ page: name, what: `wraps ${w}` });
    }
  }
  await page.close();
}

/** Runs the audit for one role and fails listing every finding. */
async function check(label: string, phone: string | null, routes: (string | undefined)[], onPhone: boolean) {
  const ctx = await browser.newContext(onPhone ? PHONE : DESKTOP);
  const findings: Finding[] = [];
  try {
    await audit(ctx, routes, phone, findings, label);
  } finally {
    await ctx.close();
  }
  const pages = new Set(findings.map((f) => f.page));
  if (findings.length) console.log(`[a11y] ${label}: ${pages.size} of ${routes.length * 2} page×mode fail\n` + findings.map((f) => `  ${f.page}: ${f.what}`).join('\n'));
  expect(findings.map((f) => `${f.page}: ${f.what}`)).toEqual([]);
}

const LONG = 300_000;

describe('every page can be read and reached (WCAG 2.1 AA, 适老化)', () => {
  it('public pages, signed out, on a phone', async () => {
    const notice = await firstOf(DEMO.secretary, '/api/v1/notice-board');
    const fund = await firstOf(DEMO.secretary, '/api/v1/public/funds', 'code');
    const assembly = await firstOf(DEMO.secretary, '/api/v1/assemblies');
    await check('public', null, [
      '/login', '/signup', '/forgot-password', '/notice-board', notice && `/notice-board/${notice}`,
      '/public/funds', fund && `/public/funds/${fund}`, assembly && `/public/assemblies/${assembly}`,
    ], true);
  }, LONG);

  it('the resident’s pages, on a phone', async () => {
    // The resident's own request, raised as the report page does, so that its page can be checked.
    const resident = await session(DEMO.resident);
    const made = await resident.request('POST', '/api/v1/requests', { description: '楼道灯坏了一个多星期，晚上上下楼看不见，老人容易摔倒', lat: 30.6581, lng: 104.0796 });
    const mine = made.statusCode === 201 ? (made.json() as { id: string }).id : undefined;
    await check('resident', DEMO.resident, ['/', '/report', '/my-requests', mine && `/my-requests/${mine}`, '/my-data', '/my-councils', '/account', '/inbox'], true);
  }, LONG);

  it('the owner’s pages, on a phone', async () => {
    const assembly = await firstOf(DEMO.owner, '/api/v1/assemblies');
    await check('owner', DEMO.owner, ['/', assembly && `/assemblies/${assembly}`, '/my-councils', '/funds'], true);
  }, LONG);

  it('the grid worker’s pages, on a phone', async () => {
    // The demo's open instruction (seed/ux-rows.ts) gives the grid worker a task whose page is checked.
    const household = await firstOf(DEMO.grid, '/api/v1/visits/list', 'householdId');
    const task = await firstOf(DEMO.grid, '/api/v1/instructions/inbox');
    await check('grid', DEMO.grid, ['/visits', household && `/visits/h/${household}`, '/tasks', task && `/tasks/${task}`, '/report'], true);
  }, LONG);

  it('the community worker’s pages', async () => {
    const request = await firstOf(DEMO.worker, '/api/v1/requests');
    // Instructions are assigned to grid workers only, so a community worker's 任务 list is the page there is
    // (a task's page is checked as the grid worker's, above).
    await check('worker', DEMO.worker, ['/requests', request && `/requests/${request}`, '/requests/new', '/tasks', '/residents'], false);
  }, LONG);

  it('the community secretary’s pages', async () => {
    const [council, instruction, assembly, fund] = await Promise.all([
      firstOf(DEMO.secretary, '/api/v1/councils'), firstOf(DEMO.secretary, '/api/v1/instructions'),
      firstOf(DEMO.secretary, '/api/v1/assemblies'), firstOf(DEMO.secretary, '/api/v1/public/funds', 'code'),
    ]);
    // The demo's meeting belongs to the grid council, which need not be the first listed: take the first council holding one.
    const secretary = await session(DEMO.secretary);
    const councils = ((await secretary.request('GET', '/api/v1/councils?limit=50')).json() as { items: { id: string }[] }).items;
    let meeting: unknown;
    for (const c of councils) {
      meeting ??= first(((await secretary.request('GET', `/api/v1/councils/${c.id}`)).json() as { meetings?: unknown }).meetings ?? [])?.id;
    }
    await check('secretary', DEMO.secretary, [
      '/', '/dashboard', '/councils', council && `/councils/${council}`, meeting ? `/councils/meetings/${String(meeting)}` : undefined,
      '/instructions', '/instructions/new', instruction && `/instructions/${instruction}`, '/visits/review', '/visits/coverage',
      '/assemblies', '/assemblies/new', assembly && `/assemblies/${assembly}`, '/funds', fund && `/funds/${fund}`,
    ], false);
  }, LONG);

  it('the platform administrator’s pages', async () => {
    const [region, household, resident] = await Promise.all([
      firstOf(DEMO.admin, '/api/v1/regions'), firstOf(DEMO.admin, '/api/v1/households'), firstOf(DEMO.admin, '/api/v1/residents'),
    ]);
    // Buildings are listed below a region (the API asks for one): the buildings below the first root.
    const building = region && await firstOf(DEMO.admin, `/api/v1/buildings?regionId=${region}`);
    await check('admin', DEMO.admin, [
      '/org', region && `/org/regions/${region}`, building && `/org/buildings/${building}`, household && `/org/households/${household}`,
      resident && `/org/residents/${resident}`, '/residents', '/import', '/users', '/audit', '/account-links', '/categories', '/inbox',
    ], false);
  }, LONG);
});
