import * as docx from 'docx';
import type { Title } from '../../domain/titles.js';
import { showNumber } from '../../core/input.js';
import { localParts } from '../../domain/time.js';
import { registrable } from './form.js';
import type { Registration } from './records.js';
import { titleName } from './summary.js';

/**
 * A printable "Bản đăng ký" laid out as an administrative document of Nghị định 30/2020/NĐ-CP
 * (Phụ lục I): A4, Times New Roman; the governing body and the unit with a short rule under it,
 * "Số: …/ĐK-<code>"; the national heading on one line and the motto with a rule as long as it;
 * place and date in italics on the line of the number; the type and summary of the document;
 * the body; recipients ("Nơi nhận") beside the signature block, kept together on one page;
 * page numbers from page 2, centred at the top.
 */
export interface DocxInput {
  reg: Registration;
  unitName: string;
  /** Abbreviation of the unit in the document number (units.yaml `code`). */
  unitCode: string;
  /** The governing body printed above the unit's name (units.yaml `documents.parent`). */
  parent?: string;
  /** Place of the date line (units.yaml); left out when unknown. */
  place?: string;
  /** The cluster the registration also goes to (a recipient). */
  clusterName?: string;
  titles: Title[];
  tz: string;
  /** Date printed in the place-and-date line when the registration has not been submitted. */
  now: Date;
}

/**
 * docx 9.7.0 ships declarations whose relative re-exports do not resolve under NodeNext, so the
 * few constructors used here are typed locally (options are checked by docx at run time).
 */
type Ctor<T = object> = new (options: any) => T;
type Node = object;
const { AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } = docx as unknown as {
  AlignmentType: { CENTER: 'center'; LEFT: 'left'; RIGHT: 'right'; JUSTIFIED: 'both' };
  BorderStyle: { NONE: 'none'; SINGLE: 'single' };
  WidthType: { DXA: 'dxa' };
  TableLayoutType: { FIXED: 'fixed' };
  VerticalAlign: { CENTER: 'center'; TOP: 'top' };
  PageNumber: { CURRENT: string };
  Document: Ctor;
  Header: Ctor;
  Paragraph: Ctor<Node>;
  TextRun: Ctor<Node>;
  Table: Ctor;
  TableRow: Ctor;
  TableCell: Ctor;
  Packer: { toBuffer(doc: object): Promise<Buffer> };
};

const FONT = 'Times New Roman';
const pt = (n: number) => n * 2; // half-points
const mm = (n: number) => Math.round(n * 56.7); // twips
const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 };
const TEXT_MM = PAGE.width - PAGE.left - PAGE.right; // 165 mm
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];
interface RunOpts {
  bold?: boolean;
  italics?: boolean;
  size?: number;
}
interface ParaOpts extends RunOpts {
  align?: Align;
  before?: number;
  after?: number;
  indent?: number;
  /** Keep with the next paragraph (and its own lines together). */
  keep?: boolean;
}

const run = (text: string, o: RunOpts = {}) => new TextRun({ text, font: FONT, size: pt(o.size ?? 13), bold: o.bold, italics: o.italics });
const para = (children: Node[] | string, o: ParaOpts = {}) =>
  new Paragraph({
    alignment: o.align,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 276 },
    ...(o.indent ? { indent: { firstLine: o.indent } } : {}),
    ...(o.keep ? { keepNext: true, keepLines: true } : {}),
    children: typeof children === 'string' ? [run(children, o)] : children,
  });
/** A body paragraph: justified, first line indented 1.27 cm, 6 pt after (NĐ 30: ≥ 6 pt between paragraphs). */
const body = (children: Node[] | string, o: ParaOpts = {}) => para(children, { align: AlignmentType.JUSTIFIED, indent: 720, after: 120, ...o });
/** A centred horizontal rule `widthMm` long, drawn as the top border of an empty paragraph. */
const rule = (widthMm: number, columnMm: number, after = 0) => {
  const side = mm(Math.max(0, (columnMm - widthMm) / 2));
  return new Paragraph({ indent: { left: side, right: side }, border: { top: LINE }, spacing: { before: 20, after, line: 240 }, children: [run('', { size: 4 })] });
};
const cell = (children: Node[], widthMm: number, o: { valign?: 'center' | 'top'; tight?: boolean } = {}) =>
  new TableCell({
    children,
    width: { size: mm(widthMm), type: WidthType.DXA },
    verticalAlign: o.valign ?? VerticalAlign.TOP,
    margins: o.tight ? { left: 0, right: 0, top: 0, bottom: 0 } : { left: 80, right: 80, top: 40, bottom: 40 },
  });
const table = (rows: Node[], widthsMm: number[], borders: object) =>
  new Table({ rows, width: { size: mm(TEXT_MM), type: WidthType.DXA }, columnWidths: widthsMm.map(mm), layout: TableLayoutType.FIXED, borders });

/**
 * An approximate printed width in mm of `text` in Times New Roman, for rules as long as a line of text
 * (average advance of capitals, small letters and spaces; bold is a little wider).
 */
export function textWidthMm(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) {
    if (ch === ' ') em += 0.25;
    else if (/[-–,.;:]/.test(ch)) em += 0.33;
    else if (/\p{Lu}/u.test(ch)) em += bold ? 0.74 : 0.7;
    else em += bold ? 0.53 : 0.48;
  }
  return (em * sizePt * 25.4) / 72;
}

/** "Cục Bổ trợ tư pháp" → "CỤC TRƯỞNG": the title of the person who signs for the unit. */
export function signerTitle(unitName: string): string {
  const n = unitName.normalize('NFC').trim();
  if (/^Cục\b/u.test(n)) return 'CỤC TRƯỞNG';
  if (/^Vụ\b/u.test(n)) return 'VỤ TRƯỞNG';
  if (/^Văn phòng\b/u.test(n)) return 'CHÁNH VĂN PHÒNG';
  if (/^Thanh tra\b/u.test(n)) return 'CHÁNH THANH TRA';
  if (/^Viện\b/u.test(n)) return 'VIỆN TRƯỞNG';
  return 'THỦ TRƯỞNG ĐƠN VỊ';
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export async function buildDocx(x: DocxInput): Promise<Buffer> {
  const { reg } = x;
  const when = localParts(reg.submittedAt && reg.status !== 'draft' ? new Date(reg.submittedAt) : x.now, x.tz);
  const official = reg.status === 'submitted' || reg.status === 'approved';
  const pct = (n: number) => (reg.headcount > 0 ? `${showNumber(Math.round((n / reg.headcount) * 1000) / 10, 'vi')}%` : '—');
  const unitUpper = x.unitName.toLocaleUpperCase('vi');

  // Header: two columns, two rows — [body and unit | national heading and motto], [number | place and date].
  const LEFT = 71;
  const RIGHT = TEXT_MM - LEFT;
  const HEADING = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
  const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
  const dateLine = `${x.place ? `${x.place}, ` : ''}ngày ${pad2(when.day)} tháng ${pad2(when.month)} năm ${when.year}`;
  const nameLines = Math.max(1, Math.ceil(textWidthMm(unitUpper, 12, true) / (LEFT - 2)));
  const header = table(
    [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              ...(x.parent ? [para([run(x.parent.toLocaleUpperCase('vi'), { size: 12 })], { align: AlignmentType.CENTER })] : []),
              para([run(unitUpper, { bold: true, size: 12 })], { align: AlignmentType.CENTER }),
              // NĐ 30: a solid rule 1/3 to 1/2 as long as the line above, centred.
              rule(Math.min(LEFT - 8, textWidthMm(unitUpper, 12, true) / nameLines) * 0.45, LEFT, 60),
            ],
            LEFT,
            { tight: true },
          ),
          cell(
            [
              para([run(HEADING, { bold: true, size: 12 })], { align: AlignmentType.CENTER }),
              para([run(MOTTO, { bold: true, size: 13 })], { align: AlignmentType.CENTER }),
              // NĐ 30: a solid rule as long as the motto.
              rule(textWidthMm(MOTTO, 13, true), RIGHT, 60),
            ],
            RIGHT,
            { tight: true },
          ),
        ],
      }),
      new TableRow({
        cantSplit: true,
        children: [
          cell([para([run(`Số:        /ĐK-${x.unitCode}`, { size: 13 })], { align: AlignmentType.CENTER })], LEFT, { tight: true }),
          cell([para([run(dateLine, { italics: true, size: 13 })], { align: AlignmentType.CENTER })], RIGHT, { tight: true }),
        ],
      }),
    ],
    [LEFT, RIGHT],
    NO_BORDERS,
  );

  const individual = registrable(x.titles).individual;
  const headRow = (cells: string[], widths: number[]) =>
    new TableRow({ tableHeader: true, cantSplit: true, children: cells.map((h, i) => cell([para([run(h, { bold: true, size: 12.5 })], { align: AlignmentType.CENTER })], widths[i], { valign: 'center' })) });
  const row = (cells: string[], widths: number[], left: number[]) =>
    new TableRow({
      cantSplit: true,
      children: cells.map((v, i) => cell([para([run(v, { size: 12.5 })], { align: left.includes(i) ? AlignmentType.LEFT : AlignmentType.CENTER })], widths[i], { valign: 'center' })),
    });
  const W1 = [13, 82, 35, 35];
  const countTable = table(
    [headRow(['STT', 'Danh hiệu thi đua', 'Số người đăng ký', 'Tỷ lệ so với tổng số'], W1), ...individual.map((t, i) => row([String(i + 1), t.name.vi, String(reg.individual[t.id] ?? 0), pct(reg.individual[t.id] ?? 0)], W1, [1]))],
    W1,
    GRID,
  );
  const W2 = [13, 92, 30, 30];
  const valueText = (v: number | string) => (typeof v === 'number' ? showNumber(v, 'vi') : v);
  const targetTable = table(
    [headRow(['STT', 'Nội dung chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu đăng ký'], W2), ...reg.targets.map((t, i) => row([String(i + 1), t.content, t.unit, valueText(t.value)], W2, [1]))],
    W2,
    GRID,
  );

  // Recipients and signature side by side, one row that cannot split, kept with the sentence before it.
  const SIGN = 95;
  const recipients = ['- Như trên;', ...(x.clusterName ? [`- ${x.clusterName} (để tổng hợp);`] : []), `- Lưu: VT, ${x.unitCode}.`];
  const signature = table(
    [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [para([run('Nơi nhận:', { bold: true, italics: true, size: 12 })], { keep: true, before: 120 }), ...recipients.map((r) => para([run(r, { size: 11 })], { keep: true }))],
            TEXT_MM - SIGN,
          ),
          cell(
            [
              para([run(signerTitle(x.unitName), { bold: true, size: 13.5 })], { align: AlignmentType.CENTER, keep: true, before: 120 }),
              para([run('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, after: 1700 }),
              para([run(' ', { bold: true })], { align: AlignmentType.CENTER }),
            ],
            SIGN,
          ),
        ],
      }),
    ],
    [TEXT_MM - SIGN, SIGN],
    NO_BORDERS,
  );

  const KINH_GUI = 28;
  const recipientsTo = ['Hội đồng Thi đua – Khen thưởng ngành Tư pháp', ...(x.clusterName ? [x.clusterName] : [])];
  const children = [
    header,
    para([run('BẢN ĐĂNG KÝ', { bold: true, size: 14 })], { align: AlignmentType.CENTER, before: 360 }),
    para([run(`Danh hiệu và chỉ tiêu thi đua năm ${reg.year}`, { bold: true, size: 14 })], { align: AlignmentType.CENTER }),
    rule(textWidthMm(`Danh hiệu và chỉ tiêu thi đua năm ${reg.year}`, 14, true) * 0.4, TEXT_MM, official ? 200 : 60),
    ...(official ? [] : [para([run('(Dự thảo – chưa gửi)', { italics: true })], { align: AlignmentType.CENTER, after: 200 })]),
    // "Kính gửi:" then the recipients one under the other, from the middle of the line (a hanging indent).
    ...recipientsTo.map((r, i) =>
      new Paragraph({
        indent: { left: mm(KINH_GUI + 20), hanging: mm(20) },
        spacing: { before: 0, after: i === recipientsTo.length - 1 ? 200 : 0, line: 276 },
        children: [run(i === 0 ? 'Kính gửi:\t' : '\t'), run(`${recipientsTo.length > 1 ? '- ' : ''}${r}${i === recipientsTo.length - 1 ? '.' : ';'}`)],
      }),
    ),
    body(`Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 và hướng dẫn công tác thi đua, khen thưởng của Bộ Tư pháp, ${x.unitName} đăng ký danh hiệu và chỉ tiêu thi đua năm ${reg.year} như sau:`),
    body([run('I. DANH HIỆU THI ĐUA TẬP THỂ', { bold: true })], { keep: true }),
    body(`Tổng số cán bộ, công chức, viên chức, người lao động của đơn vị: ${reg.headcount} người.`),
    body([run('Đơn vị đăng ký danh hiệu: '), run(reg.collectiveTitle ? `“${titleName(x.titles, reg.collectiveTitle, 'vi')}”.` : 'không đăng ký danh hiệu tập thể.', { bold: !!reg.collectiveTitle })]),
    body([run('II. DANH HIỆU THI ĐUA CÁ NHÂN', { bold: true })], { keep: true }),
    countTable,
    body([run('III. CHỈ TIÊU THI ĐUA', { bold: true })], { keep: true, before: 200 }),
    targetTable,
    ...(reg.movements.length ? [body([run('IV. PHONG TRÀO THI ĐUA THAM GIA', { bold: true })], { keep: true, before: 200 }), ...reg.movements.map((m) => body(`- ${m}`))] : []),
    ...(reg.notes ? [body([run('Ghi chú: ', { bold: true }), run(reg.notes)], { before: 120 })] : []),
    body(`${x.unitName} cam kết tổ chức thực hiện, phấn đấu hoàn thành các danh hiệu, chỉ tiêu thi đua đã đăng ký.`, { before: 200, keep: true }),
    signature,
  ];

  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] });
  const doc = new Document({
    creator: 'thidua-bot',
    title: `Bản đăng ký thi đua năm ${reg.year} — ${x.unitName}`,
    styles: { default: { document: { run: { font: FONT, size: pt(13) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: { width: mm(PAGE.width), height: mm(PAGE.height) }, margin: { top: mm(PAGE.top), bottom: mm(PAGE.bottom), left: mm(PAGE.left), right: mm(PAGE.right), header: mm(10) } },
        },
        headers: { default: pageNumber, first: new Header({ children: [new Paragraph({ children: [] })] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
