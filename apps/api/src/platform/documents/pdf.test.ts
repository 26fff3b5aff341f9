import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { PDFDocument } from 'pdf-lib';
import { extractText, getDocumentProxy } from 'unpdf';
import { renderPdf, sendPdf, type PdfDocSpec } from './pdf.ts';
import { documentFonts } from './fonts.ts';

/** The text of each page, read back with PDF.js (as a viewer or a screen reader would). */
async function pagesOf(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: false });
  return text;
}

/** Every text run's left and right edge on every page. */
async function runsOf(bytes: Uint8Array): Promise<{ x: number; right: number; str: string }[]> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const out: { x: number; right: number; str: string }[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    for (const item of content.items) {
      if ('str' in item && item.str.trim()) out.push({ x: item.transform[4] as number, right: (item.transform[4] as number) + item.width, str: item.str });
    }
  }
  return out;
}

const certificate: PdfDocSpec = {
  title: '志愿服务证明',
  subtitle: 'Volunteer service certificate · 二〇二六年',
  paragraphs: [
    '兹证明张三同志自 2025 年 1 月起在本社区参加志愿服务，累计服务时长 120 小时，表现突出，特此证明。',
    'This certifies that Zhang San has volunteered with the community for 120 hours in total.',
  ],
  table: { head: ['日期', '活动', '时长'], rows: [['2026-01-02', '敬老院探访', '3 小时'], ['2026-02-03', 'Park clean-up 公园清洁', '2.5 小时']] },
  footer: '幸福里社区居民委员会（盖章）',
  meta: { author: '幸福里社区', subject: '志愿服务证明' },
};

describe('renderPdf', () => {
  it('writes Chinese and English text that reads back, in order, on one A4 page', async () => {
    const bytes = await renderPdf(certificate);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const pages = await pagesOf(bytes);
    expect(pages).toHaveLength(1);
    const text = pages[0]!.replace(/\s+/g, '');
    for (const part of ['志愿服务证明', '二〇二六年', '累计服务时长120小时', 'ZhangSanhasvolunteered', '敬老院探访', 'Parkclean-up公园清洁', '2.5小时', '幸福里社区居民委员会（盖章）', '1/1']) {
      expect(text).toContain(part);
    }
    // title before paragraphs before table before footer
    const order = ['志愿服务证明', '兹证明', 'Thiscertifies', '日期活动时长', '幸福里社区居民委员会'].map((s) => text.indexOf(s));
    expect([...order].sort((a, b) => a - b)).toEqual(order);

    const doc = await PDFDocument.load(bytes);
    const [w, h] = [doc.getPage(0).getWidth(), doc.getPage(0).getHeight()];
    expect([Math.round(w), Math.round(h)]).toEqual([595, 842]);
    expect(doc.getTitle()).toBe('志愿服务证明');
    expect(doc.getAuthor()).toBe('幸福里社区');
    expect(doc.getSubject()).toBe('志愿服务证明');
  });

  it('embeds only a subset of the fonts: one page stays small', async () => {
    const bytes = await renderPdf(certificate);
    // each full font file is over 10 MB; the subsets of a page's few dozen glyphs are tens of kB
    expect((await documentFonts()).regular.byteLength).toBeGreaterThan(5_000_000);
    expect(bytes.byteLength).toBeLessThan(300_000);
    expect(bytes.byteLength).toBeLessThan(60_000);
  });

  it('wraps long text inside the margins, Chinese between characters and English between words', async () => {
    const chinese = '社区网格员每月走访辖区内的独居老人、困难家庭和残疾人家庭，了解需求、登记问题并及时上报，做到小事不出网格、大事不出社区。'.repeat(3);
    const english = 'Grid workers visit older people living alone, families in difficulty and households with disabled members every month, note what they need and report problems promptly.';
    const bytes = await renderPdf({ title: '走访制度 Visiting rules', paragraphs: [chinese, english] });
    const runs = await runsOf(bytes);
    expect(runs.length).toBeGreaterThan(6); // several lines each
    for (const r of runs) {
      expect(r.x).toBeGreaterThanOrEqual(55);
      // the right margin is at 539.28; only a hanging closing mark may pass it
      expect(r.right).toBeLessThanOrEqual(539.28 + 12);
    }
    // no English word is cut: every line of the English paragraph ends at a whole word
    const words = new Set(english.split(' '));
    const englishRuns = runs.filter((r) => /^[A-Za-z ,.]+$/.test(r.str) && r.str.includes(' '));
    expect(englishRuns.length).toBeGreaterThan(1);
    for (const r of englishRuns) for (const w of r.str.trim().split(' ')) expect(words.has(w)).toBe(true);
    expect((await pagesOf(bytes)).join('').replace(/\s+/g, '')).toContain(chinese.replace(/\s+/g, ''));
  });

  it('breaks pages, numbers them n / total, and repeats the table head on each page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`${i + 1}`, `第${i + 1}户 居民走访记录`, i % 7 === 0 ? '需要跟进：'.repeat(8) : '正常']);
    const bytes = await renderPdf({
      title: '走访台账',
      paragraphs: Array.from({ length: 12 }, (_, i) => `第${i + 1}段：本月走访情况说明，Monthly notes ${i + 1}.`),
      table: { head: ['序号', '住户', '情况'], rows },
      footer: '幸福里社区',
    });
    const pages = await pagesOf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((p, i) => {
      const text = p.replace(/\s+/g, '');
      expect(text).toContain(`${i + 1}/${pages.length}`);
      expect(text).toContain('幸福里社区');
    });
    // the table begins on the first page and its head is repeated on every later page
    for (const p of pages.slice(1)) expect(p.replace(/\s+/g, '')).toContain('序号住户情况');
    // every row is there once, in order
    const all = pages.join('\n').replace(/\s+/g, '');
    let at = -1;
    for (let i = 1; i <= 120; i++) {
      const next = all.indexOf(`第${i}户居民走访记录`, at + 1);
      expect(next).toBeGreaterThan(at);
      at = next;
    }
  });

  it('splits a row taller than a page across pages instead of losing text', async () => {
    const tall = Array.from({ length: 80 }, (_, i) => `第${i + 1}条意见`).join('\n');
    const bytes = await renderPdf({ title: '意见汇总', paragraphs: [], table: { head: ['来源', '意见'], rows: [['居民议事会', tall]] } });
    const pages = await pagesOf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    const all = pages.join('\n').replace(/\s+/g, '');
    for (let i = 1; i <= 80; i++) expect(all).toContain(`第${i}条意见`);
  });

  it('copes with empty parts, odd rows and characters the font lacks', async () => {
    const bytes = await renderPdf({
      title: 'Receipt 收据 🧾',
      paragraphs: ['', '第一行\n第二行', '\tindented'],
      table: { head: [], rows: [['只有一列'], ['a', 'b', 'c'], []] },
    });
    const text = (await pagesOf(bytes))[0]!.replace(/\s+/g, '');
    expect(text).toContain('Receipt收据?');
    expect(text).toContain('第一行第二行');
    expect(text).toContain('只有一列');
    expect(text).toContain('abc');
    const empty = await renderPdf({ title: '', paragraphs: [] });
    expect(await pagesOf(empty)).toHaveLength(1);
  });

  it('reads each font file once per process', async () => {
    const a = documentFonts();
    const b = documentFonts();
    expect(a).toBe(b);
    expect((await a).regular).toBe((await b).regular);
  });
});

describe('sendPdf', () => {
  async function fetchPdf(filename: string, inline?: boolean) {
    const app = Fastify();
    const bytes = await renderPdf({ title: '测试', paragraphs: ['内容'] });
    app.get('/doc', async (_req, reply) => sendPdf(reply, bytes, filename, inline === undefined ? {} : { inline }));
    const res = await app.inject({ method: 'GET', url: '/doc' });
    await app.close();
    return { res, bytes };
  }

  it('sends the bytes as application/pdf with a UTF-8 file name (RFC 6266) and no caching', async () => {
    const { res, bytes } = await fetchPdf('志愿服务证明-张三.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="??????-??.pdf"; filename*=UTF-8''${encodeURIComponent('志愿服务证明-张三.pdf')}`,
    );
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(new Uint8Array(res.rawPayload)).toEqual(bytes);
  });

  it('adds .pdf, keeps an ASCII name plain, shows inline on request, and refuses header tricks', async () => {
    expect((await fetchPdf('receipt-2026')).res.headers['content-disposition']).toBe('attachment; filename=receipt-2026.pdf');
    expect((await fetchPdf('letter.PDF', true)).res.headers['content-disposition']).toBe('inline; filename=letter.PDF');
    const tricky = (await fetchPdf('a\r\nSet-Cookie: x=1/../b')).res;
    expect(tricky.headers['set-cookie']).toBeUndefined();
    expect(tricky.headers['content-disposition']).toBe('attachment; filename="a__Set-Cookie: x=1_.._b.pdf"');
  });
});
