import * as docx from 'docx';
import type { Title } from '../../knowledge/titles.js';
import { localParts } from '../../bot/time.js';
import { registrable } from './form.js';
import type { Registration } from './records.js';
import { titleName } from './summary.js';

/**
 * A printable "Bản đăng ký thi đua năm YYYY" laid out like an official document (Vietnamese
 * administrative style: Times New Roman 13, A4, national motto, signature block).
 */
export interface DocxInput {
  reg: Registration;
  unitName: string;
  titles: Title[];
  tz: string;
  /** Date printed in the place-and-date line when the registration has not been submitted. */
  now: Date;
  place?: string;
}

/**
 * docx 9.7.0 ships declarations whose relative re-exports do not resolve under NodeNext, so the
 * few constructors used here are typed locally (options are checked by docx at run time).
 */
type Ctor<T = object> = new (options: any) => T;
type ParagraphChild = object;
type Paragraph = object;
const { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx as unknown as {
  AlignmentType: { CENTER: 'center'; LEFT: 'left'; RIGHT: 'right'; JUSTIFIED: 'both' };
  BorderStyle: { NONE: 'none' };
  WidthType: { PERCENTAGE: 'pct' };
  Document: Ctor;
  Paragraph: Ctor<Paragraph>;
  TextRun: Ctor<ParagraphChild>;
  Table: Ctor;
  TableRow: Ctor;
  TableCell: Ctor;
  Packer: { toBuffer(doc: object): Promise<Buffer> };
};

const FONT = 'Times New Roman';
const SIZE = 26; // half-points: 13 pt
const mm = (n: number) => Math.round(n * 56.7);
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

const run = (text: string, o: { bold?: boolean; italics?: boolean; underline?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: o.size ?? SIZE, bold: o.bold, italics: o.italics, underline: o.underline ? {} : undefined });
const para = (children: ParagraphChild[] | string, o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; before?: number; after?: number; bold?: boolean } = {}) =>
  new Paragraph({
    alignment: o.align,
    spacing: { before: o.before ?? 0, after: o.after ?? 60 },
    children: typeof children === 'string' ? [run(children, { bold: o.bold })] : children,
  });
const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE } });
const textCell = (text: string, width: number, o: { bold?: boolean; center?: boolean } = {}) =>
  cell([para([run(text, { bold: o.bold })], { align: o.center ? AlignmentType.CENTER : AlignmentType.LEFT, after: 0 })], width);

function grid(header: string[], rows: string[][], widths: number[]): object {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h, i) => textCell(h, widths[i], { bold: true, center: true })) }),
      ...rows.map((r) => new TableRow({ children: r.map((v, i) => textCell(v, widths[i], { center: i !== 1 })) })),
    ],
  });
}

export async function buildDocx(x: DocxInput): Promise<Buffer> {
  const { reg } = x;
  const when = localParts(reg.submittedAt && reg.status !== 'draft' ? new Date(reg.submittedAt) : x.now, x.tz);
  const official = reg.status === 'submitted' || reg.status === 'approved';
  const pct = (n: number) => (reg.headcount > 0 ? `${Math.round((n / reg.headcount) * 1000) / 10}%` : '—');

  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          cell([para('BỘ TƯ PHÁP', { align: AlignmentType.CENTER, after: 0 }), para([run(x.unitName.toUpperCase(), { bold: true })], { align: AlignmentType.CENTER, after: 0 })], 42),
          cell(
            [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 24 })], { align: AlignmentType.CENTER, after: 0 }),
              para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, underline: true })], { align: AlignmentType.CENTER, after: 0 }),
            ],
            58,
          ),
        ],
      }),
    ],
  });

  const individual = registrable(x.titles).individual;
  const countRows = individual.map((t, i) => [String(i + 1), t.name.vi, String(reg.individual[t.id] ?? 0), pct(reg.individual[t.id] ?? 0)]);
  const targetRows = reg.targets.map((t, i) => [String(i + 1), t.content, t.unit, t.value.toLocaleString('vi-VN')]);

  const children = [
    header,
    para([run(`${x.place ?? 'Hà Nội'}, ngày ${String(when.day).padStart(2, '0')} tháng ${String(when.month).padStart(2, '0')} năm ${when.year}`, { italics: true })], { align: AlignmentType.RIGHT, before: 240 }),
    para([run(`BẢN ĐĂNG KÝ THI ĐUA NĂM ${reg.year}`, { bold: true, size: 28 })], { align: AlignmentType.CENTER, before: 240, after: 0 }),
    ...(official ? [] : [para([run('(Dự thảo – chưa gửi)', { italics: true })], { align: AlignmentType.CENTER })]),
    para([run('Kính gửi: Hội đồng Thi đua – Khen thưởng ngành Tư pháp')], { align: AlignmentType.CENTER, before: 120, after: 240 }),
    para(`Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 và hướng dẫn công tác thi đua, khen thưởng của Bộ Tư pháp, ${x.unitName} đăng ký thi đua năm ${reg.year} như sau:`, { align: AlignmentType.JUSTIFIED }),
    para('I. DANH HIỆU THI ĐUA TẬP THỂ', { bold: true, before: 120 }),
    para(`Tổng số cán bộ, công chức, viên chức, người lao động: ${reg.headcount} người.`),
    para([run('Đơn vị đăng ký danh hiệu: '), run(reg.collectiveTitle ? `"${titleName(x.titles, reg.collectiveTitle, 'vi')}"` : 'không đăng ký danh hiệu tập thể', { bold: true })]),
    para('II. DANH HIỆU THI ĐUA CÁ NHÂN', { bold: true, before: 120 }),
    grid(['STT', 'Danh hiệu', 'Số người đăng ký', 'Tỷ lệ / tổng số'], countRows, [8, 52, 20, 20]),
    para('III. CHỈ TIÊU THI ĐUA', { bold: true, before: 240 }),
    grid(['STT', 'Nội dung chỉ tiêu', 'Đơn vị tính', 'Chỉ tiêu đăng ký'], targetRows, [8, 57, 17, 18]),
    ...(reg.movements.length
      ? [para('IV. PHONG TRÀO THI ĐUA THAM GIA', { bold: true, before: 240 }), ...reg.movements.map((m) => para(`- ${m}`))]
      : []),
    ...(reg.notes ? [para([run('Ghi chú: ', { bold: true }), run(reg.notes)], { before: 120 })] : []),
    para(`${x.unitName} cam kết tổ chức thực hiện, phấn đấu hoàn thành các chỉ tiêu, danh hiệu thi đua đã đăng ký.`, { before: 240, align: AlignmentType.JUSTIFIED }),
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      borders: NO_BORDERS,
      rows: [
        new TableRow({
          children: [
            cell([para([run('Nơi nhận:', { bold: true, italics: true, size: 24 })], { after: 0 }), para([run('- Như trên;', { size: 22 })], { after: 0 }), para([run('- Lưu: VT.', { size: 22 })], { after: 0 })], 50),
            cell(
              [
                para([run('THỦ TRƯỞNG ĐƠN VỊ', { bold: true })], { align: AlignmentType.CENTER, after: 0 }),
                para([run('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true })], { align: AlignmentType.CENTER, after: 1200 }),
              ],
              50,
            ),
          ],
        }),
      ],
    }),
  ];

  const doc = new Document({
    creator: 'thidua-bot',
    title: `Bản đăng ký thi đua năm ${reg.year} — ${x.unitName}`,
    styles: { default: { document: { run: { font: FONT, size: SIZE } } } },
    sections: [{ properties: { page: { size: { width: mm(210), height: mm(297) }, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) } } }, children }],
  });
  return Packer.toBuffer(doc);
}
