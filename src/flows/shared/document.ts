import * as docx from 'docx';

/**
 * The layout of an administrative document of Nghị định 30/2020/NĐ-CP (Phụ lục I), shared by the
 * registration ("Bản đăng ký") and the review minutes ("Biên bản"): A4, Times New Roman, margins
 * 20/20/30/15 mm; the header of two columns (the issuer with a short rule under it and the
 * number | the national heading and the motto with a rule as long as it, the place and date in
 * italics); tables of fixed widths; page numbers from page 2, centred at the top.
 */

/**
 * docx 9.7.0 ships declarations whose relative re-exports do not resolve under NodeNext, so the
 * few constructors used here are typed locally (options are checked by docx at run time).
 */
type Ctor<T = object> = new (options: any) => T;
export type Node = object;
export const { AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, VerticalAlign, WidthType } = docx as unknown as {
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
export const mm = (n: number) => Math.round(n * 56.7); // twips
const PAGE = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 };
export const TEXT_MM = PAGE.width - PAGE.left - PAGE.right; // 165 mm
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
const LINE = { style: BorderStyle.SINGLE, size: 6, color: '000000' };
export const GRID = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

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

export const run = (text: string, o: RunOpts = {}) => new TextRun({ text, font: FONT, size: pt(o.size ?? 13), bold: o.bold, italics: o.italics });
export const para = (children: Node[] | string, o: ParaOpts = {}) =>
  new Paragraph({
    alignment: o.align,
    spacing: { before: o.before ?? 0, after: o.after ?? 0, line: 276 },
    ...(o.indent ? { indent: { firstLine: o.indent } } : {}),
    ...(o.keep ? { keepNext: true, keepLines: true } : {}),
    children: typeof children === 'string' ? [run(children, o)] : children,
  });
/** A body paragraph: justified, first line indented 1.27 cm, 6 pt after (NĐ 30: ≥ 6 pt between paragraphs). */
export const body = (children: Node[] | string, o: ParaOpts = {}) => para(children, { align: AlignmentType.JUSTIFIED, indent: 720, after: 120, ...o });
/** A centred horizontal rule `widthMm` long, drawn as the top border of an empty paragraph. */
export const rule = (widthMm: number, columnMm: number, after = 0) => {
  const side = mm(Math.max(0, (columnMm - widthMm) / 2));
  return new Paragraph({ indent: { left: side, right: side }, border: { top: LINE }, spacing: { before: 20, after, line: 240 }, children: [run('', { size: 4 })] });
};
export const cell = (children: Node[], widthMm: number, o: { valign?: 'center' | 'top'; tight?: boolean } = {}) =>
  new TableCell({
    children,
    width: { size: mm(widthMm), type: WidthType.DXA },
    verticalAlign: o.valign ?? VerticalAlign.TOP,
    margins: o.tight ? { left: 0, right: 0, top: 0, bottom: 0 } : { left: 80, right: 80, top: 40, bottom: 40 },
  });
export const table = (rows: Node[], widthsMm: number[], borders: object) =>
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

export const pad2 = (n: number) => String(n).padStart(2, '0');

const LEFT = 71;
const RIGHT = TEXT_MM - LEFT;
const HEADING = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/**
 * The header: [the governing body, the issuer in bold and a rule 0.45 of its line | the national
 * heading and the motto with a rule as long as it], [the number | the place and date in italics].
 */
export function documentHeader(h: { parent?: string; issuer: string; number: string; dateLine: string }): Node {
  const issuer = h.issuer.toLocaleUpperCase('vi');
  const lines = Math.max(1, Math.ceil(textWidthMm(issuer, 12, true) / (LEFT - 2)));
  return table(
    [
      new TableRow({
        cantSplit: true,
        children: [
          cell(
            [
              ...(h.parent ? [para([run(h.parent.toLocaleUpperCase('vi'), { size: 12 })], { align: AlignmentType.CENTER })] : []),
              para([run(issuer, { bold: true, size: 12 })], { align: AlignmentType.CENTER }),
              // NĐ 30: a solid rule 1/3 to 1/2 as long as the line above, centred.
              rule(Math.min(LEFT - 8, textWidthMm(issuer, 12, true) / lines) * 0.45, LEFT, 60),
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
          cell([para([run(h.number, { size: 13 })], { align: AlignmentType.CENTER })], LEFT, { tight: true }),
          cell([para([run(h.dateLine, { italics: true, size: 13 })], { align: AlignmentType.CENTER })], RIGHT, { tight: true }),
        ],
      }),
    ],
    [LEFT, RIGHT],
    NO_BORDERS,
  );
}

/** A table's header row: bold, centred, repeated on each page. */
export const headRow = (cells: string[], widths: number[], size: number) =>
  new TableRow({ tableHeader: true, cantSplit: true, children: cells.map((h, i) => cell([para([run(h, { bold: true, size })], { align: AlignmentType.CENTER })], widths[i], { valign: 'center' })) });

/** A table row: centred cells, those of `left` aligned left. */
export const row = (cells: string[], widths: number[], left: number[], o: { size: number; bold?: boolean }) =>
  new TableRow({
    cantSplit: true,
    children: cells.map((v, i) => cell([para([run(v, { size: o.size, bold: o.bold })], { align: left.includes(i) ? AlignmentType.LEFT : AlignmentType.CENTER })], widths[i], { valign: 'center' })),
  });

/** The document: A4 with the margins of NĐ 30, default Times New Roman 13, page numbers from page 2. */
export function packDocument(title: string, children: Node[]): Promise<Buffer> {
  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: pt(13) })] })] });
  const doc = new Document({
    creator: 'thidua-bot',
    title,
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
