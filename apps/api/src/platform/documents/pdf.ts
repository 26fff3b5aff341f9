/**
 * The one way the API makes a PDF (certificates, letters, agreements, receipts): a document is
 * described as data — title, paragraphs, an optional table and footer — and laid out here on A4
 * with Chinese text, wrapping, page breaks and page numbers. Features never draw on a page.
 *
 * The fonts are embedded as subsets (only the glyphs used), which keeps a one-page document to
 * tens of kilobytes although the font files are 10 MB each.
 */
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib';
import { documentFonts } from './fonts.ts';
import { wrapText } from './wrap.ts';

export { sendPdf } from './send-pdf.ts';

/** What a document says; {@link renderPdf} decides how it looks. */
export interface PdfDocSpec {
  /** Printed large at the top of the first page, and the PDF's title in a viewer's window bar. */
  title: string;
  subtitle?: string;
  /** Body text; a `\n` inside a paragraph is a line break. */
  paragraphs: string[];
  /** A table after the paragraphs; its head row is repeated on every page the table runs onto. */
  table?: { head: string[]; rows: string[][] };
  /** Small text at the foot of every page, beside the page number (an issuer, a reference). */
  footer?: string;
  meta?: { author?: string; subject?: string };
}

const A4: [number, number] = [595.28, 841.89];
const MARGIN_X = 56;
const MARGIN_TOP = 64;
const MARGIN_BOTTOM = 48;
const CONTENT_W = A4[0] - 2 * MARGIN_X;

const TITLE = { size: 20, leading: 28 };
const SUBTITLE = { size: 12, leading: 18 };
const BODY = { size: 11, leading: 18 };
const CELL = { size: 10, leading: 15, pad: 5 };
const FOOT = { size: 9, leading: 13 };
const INK = rgb(0, 0, 0);
const GREY = rgb(0.35, 0.35, 0.35);
const RULE = rgb(0.6, 0.6, 0.6);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

/** Lays out one document, page by page, keeping the cursor `y` (from the bottom, as PDF does). */
class Layout {
  readonly pages: PDFPage[] = [];
  private page!: PDFPage;
  private y = 0;
  private readonly widths = new Map<string, number>();

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: Fonts,
    /** Height kept free at the foot of each page for the footer and the page number. */
    private readonly footHeight: number,
  ) {
    this.newPage();
  }

  newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    this.y = A4[1] - MARGIN_TOP;
  }

  /** Lowest y content may reach on a page. */
  get floor(): number {
    return MARGIN_BOTTOM + this.footHeight;
  }

  /** Space left on this page. */
  get room(): number {
    return this.y - this.floor;
  }

  /** A full page's content height. */
  get pageRoom(): number {
    return A4[1] - MARGIN_TOP - this.floor;
  }

  width(text: string, font: PDFFont, size: number): number {
    const key = `${font === this.fonts.bold ? 'b' : 'r'}${size}:${text}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = font.widthOfTextAtSize(text, size);
      this.widths.set(key, w);
    }
    return w;
  }

  wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
    return wrapText(text, maxWidth, (s) => this.width(s, font, size));
  }

  gap(h: number): void {
    this.y -= h;
  }

  /** Wrapped text, breaking onto a new page between lines when the page is full. */
  text(text: string, style: { size: number; leading: number }, opts: { font?: PDFFont; color?: typeof INK; center?: boolean } = {}): void {
    const font = opts.font ?? this.fonts.regular;
    for (const line of this.wrap(text, font, style.size, CONTENT_W)) {
      if (this.room < style.leading) this.newPage();
      this.y -= style.leading;
      const x = opts.center ? MARGIN_X + (CONTENT_W - this.width(line, font, style.size)) / 2 : MARGIN_X;
      // The baseline sits a quarter of the leading above the line's bottom, leaving room for descenders.
      if (line) this.page.drawText(line, { x, y: this.y + style.leading * 0.28, size: style.size, font, color: opts.color ?? INK });
    }
  }

  table(head: string[], rows: string[][]): void {
    const cols = Math.max(head.length, ...rows.map((r) => r.length));
    if (cols === 0) return;
    const widths = columnWidths(cols, [head, ...rows], (s, bold) => this.width(s, bold ? this.fonts.bold : this.fonts.regular, CELL.size));
    const cellLines = (row: string[], font: PDFFont) =>
      widths.map((w, i) => this.wrap(row[i] ?? '', font, CELL.size, w - 2 * CELL.pad));
    const headLines = head.length ? cellLines(head, this.fonts.bold) : null;
    const heightOf = (lines: string[][]) => Math.max(1, ...lines.map((l) => l.length)) * CELL.leading + 2 * CELL.pad;
    const drawHead = () => {
      if (headLines) this.row(widths, headLines, this.fonts.bold, true);
    };

    if (headLines && this.room < heightOf(headLines) + CELL.leading + 2 * CELL.pad) this.newPage();
    drawHead();
    for (const row of rows) {
      let lines = cellLines(row, this.fonts.regular);
      // A row that fits on a fresh page moves there whole; only a row taller than a page is split.
      if (this.room < heightOf(lines) && heightOf(lines) <= this.pageRoom - (headLines ? heightOf(headLines) : 0)) {
        this.newPage();
        drawHead();
      }
      // An empty row is still drawn once, one line high.
      for (let first = true; first || lines.some((l) => l.length > 0); first = false) {
        const fit = Math.floor((this.room - 2 * CELL.pad) / CELL.leading);
        if (fit < 1) {
          this.newPage();
          drawHead();
        }
        const take = Math.max(1, Math.floor((this.room - 2 * CELL.pad) / CELL.leading));
        this.row(widths, lines.map((l) => l.slice(0, take)), this.fonts.regular, false);
        lines = lines.map((l) => l.slice(take));
      }
    }
  }

  /** One row of cells whose lines are already wrapped; draws their borders too. */
  private row(widths: number[], lines: string[][], font: PDFFont, shaded: boolean): void {
    const h = Math.max(1, ...lines.map((l) => l.length)) * CELL.leading + 2 * CELL.pad;
    const top = this.y;
    this.y -= h;
    let x = MARGIN_X;
    widths.forEach((w, i) => {
      this.page.drawRectangle({
        x, y: this.y, width: w, height: h, borderColor: RULE, borderWidth: 0.5,
        ...(shaded ? { color: rgb(0.94, 0.94, 0.94) } : {}),
      });
      (lines[i] ?? []).forEach((line, k) => {
        const baseline = top - CELL.pad - (k + 1) * CELL.leading + CELL.leading * 0.28;
        if (line) this.page.drawText(line, { x: x + CELL.pad, y: baseline, size: CELL.size, font, color: INK });
      });
      x += w;
    });
  }

  /** Footer text and "page / pages" at the foot of every page, once the page count is known. */
  foot(footerLines: string[]): void {
    const n = this.pages.length;
    this.pages.forEach((page, i) => {
      footerLines.forEach((line, k) => {
        page.drawText(line, { x: MARGIN_X, y: MARGIN_BOTTOM + (footerLines.length - 1 - k) * FOOT.leading, size: FOOT.size, font: this.fonts.regular, color: GREY });
      });
      const label = `${i + 1} / ${n}`;
      const w = this.width(label, this.fonts.regular, FOOT.size);
      page.drawText(label, { x: A4[0] - MARGIN_X - w, y: MARGIN_BOTTOM, size: FOOT.size, font: this.fonts.regular, color: GREY });
    });
  }
}

/**
 * Column widths filling the content width: in proportion to each column's widest single-line text,
 * but never below a fair minimum, so one long column cannot squeeze the others to nothing.
 */
function columnWidths(cols: number, rows: string[][], measure: (s: string, bold: boolean) => number): number[] {
  const natural = Array.from({ length: cols }, (_, i) =>
    Math.max(24, ...rows.map((r, k) => (r[i] ? measure(r[i], k === 0) : 0))) + 2 * CELL.pad);
  const minimum = Math.min(CONTENT_W / cols, 60);
  const total = natural.reduce((s, w) => s + w, 0);
  const widths = natural.map((w) => Math.max(minimum, (w * CONTENT_W) / total));
  const scale = CONTENT_W / widths.reduce((s, w) => s + w, 0);
  return widths.map((w) => w * scale);
}

/**
 * fontkit that parses each font file once per process: pdf-lib asks it to parse the bytes for every
 * document, which for a 10 MB CJK font costs most of a render. A parsed font is only read from
 * (each document makes its own subset), so sharing it is safe.
 */
type Fontkit = Parameters<PDFDocument['registerFontkit']>[0];
const parsed = new WeakMap<Uint8Array, ReturnType<Fontkit['create']>>();
const cachingFontkit: Fontkit = {
  create(bytes, postscriptName) {
    if (postscriptName !== undefined) return fontkit.create(bytes, postscriptName);
    let font = parsed.get(bytes);
    if (!font) {
      font = fontkit.create(bytes);
      parsed.set(bytes, font);
    }
    return font;
  },
};

/** Replaces characters the font cannot draw (emoji, control characters) so nothing prints as a blank box. */
const characterSets = new WeakMap<Uint8Array, Set<number>>();
function printable(font: PDFFont, bytes: Uint8Array): (s: string) => string {
  let known = characterSets.get(bytes);
  if (!known) {
    known = new Set(font.getCharacterSet());
    characterSets.set(bytes, known);
  }
  const drawable = known;
  return (s) => Array.from(s.replace(/\t/g, ' '), (ch) => {
    if (ch === '\n' || ch === '\r') return ch;
    return drawable.has(ch.codePointAt(0)!) ? ch : '?';
  }).join('');
}

/**
 * Renders `spec` as an A4 PDF in Noto Sans SC (subset-embedded): the title (bold, centred), the
 * subtitle, the paragraphs, the table (bold shaded head row, repeated after each page break), and
 * on every page the footer and the page number as `n / total`. Chinese wraps between any two
 * characters, Latin between words; punctuation follows the usual 禁则.
 */
export async function renderPdf(spec: PdfDocSpec): Promise<Uint8Array> {
  const bytes = await documentFonts();
  const doc = await PDFDocument.create();
  doc.registerFontkit(cachingFontkit);
  const fonts: Fonts = {
    regular: await doc.embedFont(bytes.regular, { subset: true }),
    bold: await doc.embedFont(bytes.bold, { subset: true }),
  };
  const clean = printable(fonts.regular, bytes.regular);

  doc.setTitle(clean(spec.title), { showInWindowTitleBar: true });
  if (spec.meta?.author) doc.setAuthor(spec.meta.author);
  if (spec.meta?.subject) doc.setSubject(spec.meta.subject);
  doc.setCreator('Gongzhi');
  doc.setProducer('Gongzhi (pdf-lib)');
  doc.setLanguage('zh-CN');

  const measureFoot = (s: string) => fonts.regular.widthOfTextAtSize(s, FOOT.size);
  // The footer shares its last line with the page number, so it wraps short of it.
  const footerLines = spec.footer ? wrapText(clean(spec.footer), CONTENT_W - 60, measureFoot) : [];
  const layout = new Layout(doc, fonts, Math.max(1, footerLines.length) * FOOT.leading + 12);

  layout.text(clean(spec.title), TITLE, { font: fonts.bold, center: true });
  if (spec.subtitle) layout.text(clean(spec.subtitle), SUBTITLE, { color: GREY, center: true });
  layout.gap(14);
  for (const p of spec.paragraphs) {
    layout.text(clean(p), BODY);
    layout.gap(8);
  }
  if (spec.table) {
    layout.gap(4);
    layout.table(spec.table.head.map(clean), spec.table.rows.map((r) => r.map(clean)));
  }
  layout.foot(footerLines);
  return doc.save();
}
