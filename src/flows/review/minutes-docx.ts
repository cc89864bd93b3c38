import * as docx from 'docx';
import { localParts } from '../../domain/time.js';
import type { ReviewConfig } from '../../domain/review.js';
import type { Ballot } from './records.js';
import { neededVoters, neededYes, type RankRow } from './scoring.js';

/**
 * "Biên bản họp bình xét, suy tôn thi đua" of a cluster, laid out as an administrative document of
 * Nghị định 30/2020/NĐ-CP (Phụ lục I): A4, Times New Roman 13–14, margins 20/20/30/15 mm; the
 * governing body and the cluster with a short rule under it, the number "Số: …/BB-…"; the
 * national heading and the motto with a rule as long as it; place and date in italics; the type
 * ("BIÊN BẢN") and summary; the body; the signature blocks of the secretary and the cluster head
 * side by side, kept together; page numbers from page 2. Counts only — never a unit's choices.
 *
 * (The registration export draws the same layout; the shared helpers are to be merged with it.)
 */
export interface MinutesInput {
  cfg: ReviewConfig;
  clusterName: string;
  /** Short code in the document number (e.g. "CTĐIII"). */
  clusterCode: string;
  unitName(id: string): string;
  rows: RankRow[];
  /** The cluster's ballots of the year, in the order they were opened. */
  ballots: Ballot[];
  /** The unit of the cluster head, when one is bound. */
  chairUnit?: string;
  tz: string;
  now: Date;
}

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
const pt = (n: number) => n * 2;
const mm = (n: number) => Math.round(n * 56.7);
const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 };
const TEXT_MM = PAGE.width - PAGE.left - PAGE.right;
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
const body = (children: Node[] | string, o: ParaOpts = {}) => para(children, { align: AlignmentType.JUSTIFIED, indent: 720, after: 120, ...o });
const rule = (widthMm: number, columnMm: number, after = 0) => {
  const side = mm(Math.max(0, (columnMm - widthMm) / 2));
  return new Paragraph({ indent: { left: side, right: side }, border: { top: LINE }, spacing: { before: 70, after, line: 240 }, children: [run('', { size: 4 })] });
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

/** Approximate printed width in mm of a line of Times New Roman (for rules as long as a line). */
function textWidthMm(text: string, sizePt: number, bold = false): number {
  let em = 0;
  for (const ch of text.normalize('NFC')) {
    if (ch === ' ') em += 0.25;
    else if (/[-–,.;:]/.test(ch)) em += 0.33;
    else if (/\p{Lu}/u.test(ch)) em += bold ? 0.74 : 0.7;
    else em += bold ? 0.53 : 0.48;
  }
  return (em * sizePt * 25.4) / 72;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const vn = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 2 });
const count2 = (n: number) => pad2(n); // "06 đơn vị", as administrative texts write small counts

export async function buildMinutesDocx(x: MinutesInput): Promise<Buffer> {
  const { cfg } = x;
  const closed = x.ballots.filter((b) => b.state === 'closed' && b.result);
  const lastClose = closed.map((b) => b.closedAt ?? b.closesAt).sort().at(-1);
  const when = localParts(lastClose ? new Date(lastClose) : x.now, x.tz);
  const clusterUpper = x.clusterName.split('–')[0].trim().toLocaleUpperCase('vi');
  const members = x.rows.map((r) => r.unitId);

  const LEFT = 71;
  const RIGHT = TEXT_MM - LEFT;
  const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
  const header = table(
    [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              para([run('BỘ TƯ PHÁP', { size: 12 })], { align: AlignmentType.CENTER }),
              para([run(clusterUpper, { bold: true, size: 12 })], { align: AlignmentType.CENTER }),
              rule(Math.min(LEFT - 8, textWidthMm(clusterUpper, 12, true)) * 0.45, LEFT, 60),
            ],
            LEFT,
            { tight: true },
          ),
          cell(
            [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 12 })], { align: AlignmentType.CENTER }),
              para([run(MOTTO, { bold: true, size: 13 })], { align: AlignmentType.CENTER }),
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
          cell([para([run(`Số:        /BB-${x.clusterCode}`, { size: 13 })], { align: AlignmentType.CENTER })], LEFT, { tight: true }),
          cell([para([run(`${cfg.dates.place}, ngày ${pad2(when.day)} tháng ${pad2(when.month)} năm ${when.year}`, { italics: true, size: 13 })], { align: AlignmentType.CENTER })], RIGHT, { tight: true }),
        ],
      }),
    ],
    [LEFT, RIGHT],
    NO_BORDERS,
  );

  const headRow = (cells: string[], widths: number[]) =>
    new TableRow({ tableHeader: true, cantSplit: true, children: cells.map((h, i) => cell([para([run(h, { bold: true, size: 12 })], { align: AlignmentType.CENTER })], widths[i], { valign: 'center' })) });
  const row = (cells: string[], widths: number[], left: number[], bold = false) =>
    new TableRow({
      cantSplit: true,
      children: cells.map((v, i) => cell([para([run(v, { size: 12, bold })], { align: left.includes(i) ? AlignmentType.LEFT : AlignmentType.CENTER })], widths[i], { valign: 'center' })),
    });

  const summary = `Họp bình xét, suy tôn thi đua năm ${cfg.year} của ${x.clusterName.split('–')[0].trim()}`;
  // The day of the minutes is the day of the vote (its last closing); the planned meeting's hour is
  // printed only when the vote was held that day, else it is left for the secretary to fill in.
  const meeting = cfg.dates.meeting.split(' ');
  const held = `${when.year}-${pad2(when.month)}-${pad2(when.day)}`;
  const hour = meeting[0] === held && meeting[1] ? `${meeting[1].replace(':', ' giờ ')} phút` : '...... giờ ......';
  const children: Node[] = [
    header,
    para([run('BIÊN BẢN', { bold: true, size: 14 })], { align: AlignmentType.CENTER, before: 360 }),
    para([run(summary, { bold: true, size: 14 })], { align: AlignmentType.CENTER }),
    rule(textWidthMm(summary, 14, true) * 0.35, TEXT_MM, cfg.sample ? 60 : 200),
    ...(cfg.sample
      ? [para([run('(Bản mẫu: bảng chấm điểm và ngưỡng bỏ phiếu lấy từ dữ liệu mẫu, chưa phải quy định)', { italics: true, size: 12 })], { align: AlignmentType.CENTER, after: 200 })]
      : []),
    body(
      `Hôm nay, hồi ${hour}, ngày ${pad2(when.day)} tháng ${pad2(when.month)} năm ${when.year}, tại ${cfg.dates.place}, ${x.clusterName.split('–')[0].trim()} tổ chức họp bình xét, suy tôn thi đua năm ${cfg.year}.`,
    ),
    body([run('I. THÀNH PHẦN', { bold: true })], { keep: true }),
    body(`- Chủ trì: đồng chí ................................................, Cụm trưởng${x.chairUnit ? ` (${x.chairUnit})` : ''}.`),
    body('- Thư ký: đồng chí ................................................'),
    body(`- Đơn vị thành viên của Cụm: ${count2(members.length)} đơn vị, gồm: ${members.map((u) => x.unitName(u)).join('; ')}.`),
  ];
  for (const b of x.ballots) {
    const voters = b.result?.voters ?? [];
    if (b.state === 'closed' && b.result)
      children.push(
        body(
          `- Đơn vị có mặt và tham gia bỏ phiếu suy tôn danh hiệu “${b.title.vi}”: ${count2(voters.length)}/${count2(b.eligible.length)} đơn vị${voters.length ? `, gồm: ${voters.map((u) => x.unitName(u)).join('; ')}` : ''}.`,
        ),
      );
  }

  children.push(body([run('II. NỘI DUNG', { bold: true })], { keep: true, before: 120 }));
  children.push(body([run('1. Kết quả tự chấm điểm thi đua của các đơn vị', { bold: true, italics: true })], { keep: true }));
  children.push(body(`Các đơn vị tự chấm điểm theo bảng tiêu chí của Cụm (tối đa ${vn(cfg.maxTotal)} điểm), kèm báo cáo tổng kết năm; kết quả như sau:`, { keep: true }));
  const W1 = [13, 92, 25, 35];
  const status = (r: RankRow) => (r.status === 'approved' ? 'Đã duyệt' : r.status === 'submitted' ? 'Chờ duyệt' : r.status === 'none' ? 'Chưa gửi' : r.status === 'returned' ? 'Bị trả lại' : 'Chưa gửi');
  children.push(
    table(
      [headRow(['STT', 'Đơn vị', 'Điểm tự chấm', 'Tình trạng'], W1), ...x.rows.map((r, i) => row([String(i + 1), x.unitName(r.unitId), r.score === null ? '—' : vn(r.score), status(r)], W1, [1]))],
      W1,
      GRID,
    ),
  );

  children.push(body([run('2. Kết quả bỏ phiếu kín suy tôn', { bold: true, italics: true })], { keep: true, before: 200 }));
  if (!x.ballots.length) children.push(body('Cụm chưa tổ chức bỏ phiếu.'));
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  x.ballots.forEach((b, bi) => {
    const s = b.settings;
    children.push(body([run(`${letters[bi]}) Danh hiệu “${b.title.vi}”`, { bold: true })], { keep: true, before: bi ? 200 : 0 }));
    const cmp = s.comparison === 'at-least' ? 'từ' : 'trên';
    const base = s.passBase === 'eligible' ? 'tổng số đơn vị thành viên' : 'tổng số phiếu bầu';
    if (!b.result || b.state !== 'closed') {
      children.push(body(`Phiếu bầu đang mở (đóng lúc ${closeLine(b.closesAt, x.tz)}); chưa có kết quả.`));
      return;
    }
    const r = b.result;
    children.push(
      body(
        `Số đơn vị thành viên: ${count2(b.eligible.length)}; số phiếu phát ra: ${count2(b.eligible.length)}; số phiếu thu về: ${count2(r.voted)}; số phiếu hợp lệ: ${count2(r.voted)}. Tỷ lệ tham gia tối thiểu ${s.quorum.label} (ít nhất ${neededVoters(b)} đơn vị): ${r.quorumMet ? 'đạt' : 'KHÔNG đạt — không ứng viên nào được suy tôn'}.`,
      ),
    );
    children.push(body(`Ngưỡng suy tôn: ứng viên đạt khi được ${cmp} ${s.pass.label} số phiếu “Đồng ý” trên ${base} (ít nhất ${neededYes(b, r.voted)} phiếu). Nguồn ngưỡng: ${s.source.vi}`, { keep: true }));
    const W2 = [12, 65, 20, 22, 21, 25];
    const baseN = s.passBase === 'eligible' ? b.eligible.length : r.voted;
    children.push(
      table(
        [
          headRow(['STT', 'Đơn vị được đề nghị', 'Đồng ý', 'Không đồng ý', 'Tỷ lệ đồng ý', 'Kết quả'], W2),
          ...r.candidates.map((c, i) =>
            row([String(i + 1), x.unitName(c.unit), String(c.yes), String(c.no), baseN ? `${vn(Math.round((c.yes / baseN) * 1000) / 10)}%` : '—', c.passed ? 'Đạt' : 'Không đạt'], W2, [1]),
          ),
        ],
        W2,
        GRID,
      ),
    );
  });

  children.push(body([run('III. KẾT LUẬN', { bold: true })], { keep: true, before: 200 }));
  const decided = closed.filter((b) => b.result!.candidates.some((c) => c.passed));
  if (!decided.length) children.push(body(closed.length ? 'Không có đơn vị nào đạt ngưỡng suy tôn.' : 'Chưa có kết quả bỏ phiếu.'));
  else {
    children.push(body(`${x.clusterName.split('–')[0].trim()} thống nhất đề nghị Hội đồng Thi đua – Khen thưởng ngành Tư pháp xem xét:`, { keep: true }));
    for (const b of decided)
      children.push(body(`- Tặng danh hiệu “${b.title.vi}” năm ${cfg.year} cho: ${b.result!.candidates.filter((c) => c.passed).map((c) => x.unitName(c.unit)).join('; ')}.`));
  }
  children.push(body('Biên bản kết thúc lúc ...... giờ ...... cùng ngày, đã được thông qua tại cuộc họp và lập thành 02 bản để lưu hồ sơ và gửi kèm hồ sơ đề nghị khen thưởng./.', { before: 120, keep: true }));

  const HALF = TEXT_MM / 2;
  children.push(
    table(
      [
        new TableRow({
          cantSplit: true,
          children: [
            cell(
              [
                para([run('THƯ KÝ', { bold: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, before: 240 }),
                para([run('(Ký, ghi rõ họ tên)', { italics: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, after: 1700 }),
              ],
              HALF,
            ),
            cell(
              [
                para([run('CỤM TRƯỞNG', { bold: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, before: 240 }),
                para([run('(Ký, ghi rõ họ tên và đóng dấu)', { italics: true, size: 13 })], { align: AlignmentType.CENTER, keep: true, after: 1700 }),
              ],
              HALF,
            ),
          ],
        }),
      ],
      [HALF, HALF],
      NO_BORDERS,
    ),
  );

  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] });
  const doc = new Document({
    creator: 'thidua-bot',
    title: `Biên bản bình xét, suy tôn thi đua năm ${cfg.year} — ${x.clusterName}`,
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

function closeLine(iso: string, tz: string): string {
  const p = localParts(new Date(iso), tz);
  return `${pad2(p.hour)} giờ ${pad2(p.minute)} ngày ${pad2(p.day)}/${pad2(p.month)}/${p.year}`;
}
