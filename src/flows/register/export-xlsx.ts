import ExcelJS from 'exceljs';
import { tr, type Msg } from '../../text/i18n.js';
import { formatLocal, localParts } from '../../domain/time.js';
import type { Locale } from '../../bot/types.js';
import type { Units } from '../../domain/units.js';
import type { Title } from '../../domain/titles.js';
import { registrable } from './form.js';
import type { Registration } from './records.js';
import { STATUS, titleName } from './summary.js';

/**
 * The year's registrations as a workbook ready to print: a title, one row per unit with a totals
 * row, every target on a second sheet; real dates (local time of TZ_NAME), frozen headers,
 * A4 landscape fitted to the page width, header rows repeated on every page. No internal ids.
 */
const M = {
  sheetUnits: { vi: 'Đăng ký {year}', en: 'Registrations {year}' },
  sheetTargets: { vi: 'Chỉ tiêu {year}', en: 'Targets {year}' },
  title: { vi: 'BẢNG TỔNG HỢP ĐĂNG KÝ THI ĐUA NĂM {year}', en: 'EMULATION REGISTRATIONS {year} — SUMMARY' },
  titleTargets: { vi: 'CHỈ TIÊU THI ĐUA CÁC ĐƠN VỊ ĐĂNG KÝ NĂM {year}', en: 'EMULATION TARGETS REGISTERED FOR {year}' },
  subtitle: { vi: 'Số liệu đến {at} (giờ {tz}) · {n} đơn vị, {registered} đã có đăng ký', en: 'Data as of {at} ({tz} time) · {n} units, {registered} registered' },
  no: { vi: 'STT', en: 'No.' },
  cluster: { vi: 'Cụm thi đua', en: 'Cluster' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  status: { vi: 'Trạng thái', en: 'Status' },
  collective: { vi: 'Danh hiệu tập thể đăng ký', en: 'Collective title' },
  headcount: { vi: 'Tổng số cán bộ', en: 'Total staff' },
  targets: { vi: 'Số chỉ tiêu', en: 'Targets' },
  submitted: { vi: 'Ngày gửi', en: 'Submitted' },
  approved: { vi: 'Ngày duyệt', en: 'Approved' },
  version: { vi: 'Phiên bản', en: 'Version' },
  targetNo: { vi: 'Chỉ tiêu số', en: 'Target no.' },
  content: { vi: 'Nội dung chỉ tiêu', en: 'Target' },
  measure: { vi: 'Đơn vị tính', en: 'Unit of measure' },
  value: { vi: 'Giá trị đăng ký', en: 'Planned value' },
  total: { vi: 'Tổng cộng', en: 'Total' },
  unitsCount: { vi: '{n} đơn vị', en: '{n} units' },
  registeredCount: { vi: '{n} đã đăng ký', en: '{n} registered' },
  targetsCount: { vi: 'Tổng số: {n} chỉ tiêu của {units} đơn vị', en: 'In all: {n} targets of {units} units' },
} satisfies Record<string, Msg>;

export interface ExportInput {
  year: number;
  /** Units to list, in order; those without a registration get a "not registered" row. */
  unitIds: string[];
  regs: Registration[];
  units: Units;
  titles: Title[];
  tz: string;
  locale?: Locale;
  /** When the data was read (the subtitle). */
  now?: Date;
}

/** Where the table starts: title, subtitle, a blank row, then the header. */
export const HEADER_ROW = 4;
const DATE_FORMAT = 'dd/mm/yyyy hh:mm';
const THIN = { style: 'thin' as const, color: { argb: 'FF000000' } };
const BOX = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'Times New Roman';
const FONT_SIZE = 11;

/** A local wall-clock time as an Excel date (Excel has no time zones: the cell shows what a clock in `tz` showed). */
function excelDate(iso: string | undefined, tz: string): Date | null {
  if (!iso) return null;
  const p = localParts(new Date(iso), tz);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
}

interface Column {
  header: string;
  key: string;
  width: number;
  numFmt?: string;
  /** Left-aligned text (others are centred). */
  text?: boolean;
}

/** Title and subtitle over the table, the styled header row, and A4 landscape print settings. */
function layout(ws: ExcelJS.Worksheet, title: string, subtitle: string, columns: Column[], frozenColumns: number) {
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, style: { font: { name: FONT, size: FONT_SIZE }, ...(c.numFmt ? { numFmt: c.numFmt } : {}) } }));
  const last = columns.length;
  ws.mergeCells(1, 1, 1, last);
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { name: FONT, size: 14, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 24;
  ws.getCell(2, 1).value = subtitle;
  ws.getCell(2, 1).font = { name: FONT, size: FONT_SIZE, italic: true };
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const head = ws.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    const cell = head.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: FONT_SIZE, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BOX;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  head.height = 32;
  ws.views = [{ state: 'frozen', xSplit: frozenColumns, ySplit: HEADER_ROW, topLeftCell: ws.getCell(HEADER_ROW + 1, frozenColumns + 1).address }];
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '&C&P / &N' };
}

/** Lines a text takes in a column `width` characters wide (wrapped at words, roughly). */
function linesIn(text: string, width: number): number {
  const perLine = Math.max(4, Math.floor(width * 1.25));
  let lines = 1;
  let used = 0;
  for (const w of text.split(/\s+/)) {
    if (used && used + 1 + w.length > perLine) {
      lines++;
      used = w.length;
    } else used += (used ? 1 : 0) + w.length;
  }
  return lines;
}

/** Borders, alignment and heights of the data rows (and the totals row, in bold): spreadsheet programs do not size wrapped rows themselves. */
function styleRows(ws: ExcelJS.Worksheet, columns: Column[], from: number, to: number, totals?: number) {
  for (let r = from; r <= to; r++) {
    const row = ws.getRow(r);
    let lines = 1;
    columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.border = BOX;
      cell.alignment = { horizontal: c.text ? 'left' : 'center', vertical: 'middle', wrapText: true };
      if (r === totals) cell.font = { name: FONT, size: FONT_SIZE, bold: true };
      if (typeof cell.value === 'string' && !cell.isMerged) lines = Math.max(lines, linesIn(cell.value, c.width));
    });
    row.height = lines * 13 + 4;
  }
}

export async function buildWorkbook(x: ExportInput): Promise<Buffer> {
  const locale = x.locale ?? 'vi';
  const t = (m: Msg, p?: Record<string, string | number>) => tr(locale, m, p);
  const byUnit = new Map(x.regs.map((r) => [r.unitId, r]));
  const individual = registrable(x.titles).individual;
  const now = x.now ?? new Date();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua-bot';
  wb.created = now;
  wb.calcProperties.fullCalcOnLoad = true;
  const registered = x.unitIds.filter((id) => byUnit.has(id)).length;
  const subtitle = t(M.subtitle, { at: formatLocal(now, x.tz), tz: x.tz, n: x.unitIds.length, registered });
  /** "LĐTT" when a title has an acronym, else its name. */
  const abbr = (ti: Title) => (locale === 'vi' && /\p{Lu}{2}/u.test(ti.abbr[0] ?? '') ? ti.abbr[0] : ti.name[locale]);

  const ws = wb.addWorksheet(t(M.sheetUnits, { year: x.year }));
  const cols: Column[] = [
    { header: t(M.no), key: 'no', width: 5 },
    { header: t(M.cluster), key: 'cluster', width: 22, text: true },
    { header: t(M.unit), key: 'unit', width: 34, text: true },
    { header: t(M.status), key: 'status', width: 13 },
    { header: t(M.collective), key: 'collective', width: 22, text: true },
    { header: t(M.headcount), key: 'headcount', width: 9 },
    ...individual.map((ti) => ({ header: abbr(ti), key: `n-${ti.id}`, width: 9 })),
    { header: t(M.targets), key: 'targets', width: 8 },
    { header: t(M.submitted), key: 'submitted', width: 16, numFmt: DATE_FORMAT },
    { header: t(M.approved), key: 'approved', width: 16, numFmt: DATE_FORMAT },
    { header: t(M.version), key: 'version', width: 8 },
  ];
  layout(ws, t(M.title, { year: x.year }), subtitle, cols, 3);

  const tw = wb.addWorksheet(t(M.sheetTargets, { year: x.year }));
  const tcols: Column[] = [
    { header: t(M.no), key: 'no', width: 5 },
    { header: t(M.cluster), key: 'cluster', width: 20, text: true },
    { header: t(M.unit), key: 'unit', width: 28, text: true },
    { header: t(M.targetNo), key: 'targetNo', width: 8 },
    { header: t(M.content), key: 'content', width: 55, text: true },
    { header: t(M.measure), key: 'measure', width: 12 },
    { header: t(M.value), key: 'value', width: 14 },
    { header: t(M.status), key: 'status', width: 13 },
  ];
  layout(tw, t(M.titleTargets, { year: x.year }), subtitle, tcols, 3);

  let row = HEADER_ROW;
  let trow = HEADER_ROW;
  const titled = new Map<string, number>();
  x.unitIds.forEach((id, i) => {
    const r = byUnit.get(id);
    const cluster = x.units.name(x.units.get(id)?.clusterId ?? '', locale);
    const unit = x.units.name(id, locale);
    const status = t(STATUS[r?.status ?? 'missing']);
    const values: Record<string, unknown> = { no: i + 1, cluster, unit, status };
    if (r) {
      Object.assign(values, {
        collective: titleName(x.titles, r.collectiveTitle, locale),
        headcount: r.headcount,
        targets: r.targets.length,
        submitted: r.status !== 'draft' ? excelDate(r.submittedAt, x.tz) : null,
        approved: r.status === 'approved' ? excelDate(r.approvedAt, x.tz) : null,
        version: r.version,
      });
      for (const ti of individual) values[`n-${ti.id}`] = r.individual[ti.id] ?? 0;
      if (r.collectiveTitle) titled.set(r.collectiveTitle, (titled.get(r.collectiveTitle) ?? 0) + 1);
      r.targets.forEach((tg, j) => {
        trow++;
        tw.getRow(trow).values = { no: trow - HEADER_ROW, cluster, unit, targetNo: j + 1, content: tg.content, measure: tg.unit, value: tg.value, status } as never;
      });
    }
    row++;
    ws.getRow(row).values = values as never;
  });
  const first = HEADER_ROW + 1;
  const lastData = row;

  // Totals: units and registrations counted, people and targets summed (formulas with their values).
  const total = lastData + 1;
  const totals: Record<string, unknown> = {
    no: '',
    cluster: t(M.total),
    unit: t(M.unitsCount, { n: x.unitIds.length }),
    status: t(M.registeredCount, { n: registered }),
    collective: [...titled].map(([id, n]) => `${abbr(x.titles.find((ti) => ti.id === id)!)}: ${n}`).join('; '),
  };
  const sum = (key: string) => {
    const col = ws.getColumn(key).letter;
    const result = x.unitIds.reduce((s, id) => {
      const r = byUnit.get(id);
      if (!r) return s;
      return s + (key === 'headcount' ? r.headcount : key === 'targets' ? r.targets.length : r.individual[key.slice(2)] ?? 0);
    }, 0);
    return lastData >= first ? { formula: `SUM(${col}${first}:${col}${lastData})`, result } : 0;
  };
  for (const key of ['headcount', ...individual.map((ti) => `n-${ti.id}`), 'targets']) totals[key] = sum(key);
  ws.getRow(total).values = totals as never;
  styleRows(ws, cols, first, total, total);
  if (lastData >= first) ws.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: lastData, column: cols.length } };
  ws.pageSetup.printArea = `A1:${ws.getColumn(cols.length).letter}${total}`;

  const ttotal = trow + 1;
  tw.mergeCells(ttotal, 1, ttotal, tcols.length);
  tw.getCell(ttotal, 1).value = t(M.targetsCount, { n: trow - HEADER_ROW, units: new Set(x.regs.filter((r) => x.unitIds.includes(r.unitId) && r.targets.length).map((r) => r.unitId)).size });
  styleRows(tw, tcols, HEADER_ROW + 1, ttotal, ttotal);
  tw.getCell(ttotal, 1).alignment = { horizontal: 'left' };
  if (trow > HEADER_ROW) tw.autoFilter = { from: { row: HEADER_ROW, column: 1 }, to: { row: trow, column: tcols.length } };
  tw.pageSetup.printArea = `A1:${tw.getColumn(tcols.length).letter}${ttotal}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
