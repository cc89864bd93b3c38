import ExcelJS from 'exceljs';
import { tr, type Msg } from '../../bot/i18n.js';
import type { Locale } from '../../bot/types.js';
import type { Units } from '../../bot/units.js';
import type { Title } from '../../knowledge/titles.js';
import { showLocal } from './dates.js';
import { registrable } from './form.js';
import type { Registration } from './records.js';
import { STATUS, titleName } from './summary.js';

/** The year's registrations as a workbook: one row per unit, and every target. */
const M = {
  sheetUnits: { vi: 'Đăng ký {year}', en: 'Registrations {year}' },
  sheetTargets: { vi: 'Chỉ tiêu {year}', en: 'Targets {year}' },
  cluster: { vi: 'Cụm thi đua', en: 'Cluster' },
  unitId: { vi: 'Mã đơn vị', en: 'Unit id' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  status: { vi: 'Trạng thái', en: 'Status' },
  collective: { vi: 'Danh hiệu tập thể đăng ký', en: 'Collective title' },
  headcount: { vi: 'Tổng số cán bộ', en: 'Total staff' },
  targets: { vi: 'Số chỉ tiêu', en: 'Targets' },
  submitted: { vi: 'Ngày gửi', en: 'Submitted' },
  approved: { vi: 'Ngày duyệt', en: 'Approved' },
  version: { vi: 'Phiên bản', en: 'Version' },
  no: { vi: 'STT', en: 'No.' },
  content: { vi: 'Nội dung chỉ tiêu', en: 'Target' },
  measure: { vi: 'Đơn vị tính', en: 'Unit of measure' },
  value: { vi: 'Giá trị đăng ký', en: 'Planned value' },
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
}

export async function buildWorkbook(x: ExportInput): Promise<Buffer> {
  const locale = x.locale ?? 'vi';
  const t = (m: Msg, p?: Record<string, string | number>) => tr(locale, m, p);
  const byUnit = new Map(x.regs.map((r) => [r.unitId, r]));
  const individual = registrable(x.titles).individual;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'thidua-bot';
  wb.created = new Date();

  const ws = wb.addWorksheet(t(M.sheetUnits, { year: x.year }), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [
    { header: t(M.cluster), key: 'cluster', width: 28 },
    { header: t(M.unitId), key: 'unitId', width: 18 },
    { header: t(M.unit), key: 'unit', width: 45 },
    { header: t(M.status), key: 'status', width: 22 },
    { header: t(M.collective), key: 'collective', width: 30 },
    { header: t(M.headcount), key: 'headcount', width: 12 },
    ...individual.map((ti) => ({ header: locale === 'vi' ? ti.abbr[0] ?? ti.name.vi : ti.name.en, key: `n-${ti.id}`, width: 14 })),
    { header: t(M.targets), key: 'targets', width: 10 },
    { header: t(M.submitted), key: 'submitted', width: 18 },
    { header: t(M.approved), key: 'approved', width: 18 },
    { header: t(M.version), key: 'version', width: 10 },
  ];
  const tw = wb.addWorksheet(t(M.sheetTargets, { year: x.year }), { views: [{ state: 'frozen', ySplit: 1 }] });
  tw.columns = [
    { header: t(M.cluster), key: 'cluster', width: 28 },
    { header: t(M.unit), key: 'unit', width: 45 },
    { header: t(M.no), key: 'no', width: 6 },
    { header: t(M.content), key: 'content', width: 60 },
    { header: t(M.measure), key: 'measure', width: 16 },
    { header: t(M.value), key: 'value', width: 14 },
    { header: t(M.status), key: 'status', width: 22 },
  ];

  for (const id of x.unitIds) {
    const r = byUnit.get(id);
    const cluster = x.units.name(x.units.get(id)?.clusterId ?? '', locale);
    const unit = x.units.name(id, locale);
    const status = t(STATUS[r?.status ?? 'missing']);
    const row: Record<string, unknown> = { cluster, unitId: id, unit, status };
    if (r) {
      Object.assign(row, {
        collective: titleName(x.titles, r.collectiveTitle, locale),
        headcount: r.headcount,
        targets: r.targets.length,
        submitted: r.submittedAt && r.status !== 'draft' ? showLocal(r.submittedAt, x.tz) : '',
        approved: r.approvedAt && r.status === 'approved' ? showLocal(r.approvedAt, x.tz) : '',
        version: r.version,
      });
      for (const ti of individual) row[`n-${ti.id}`] = r.individual[ti.id] ?? 0;
      r.targets.forEach((tg, i) => tw.addRow({ cluster, unit, no: i + 1, content: tg.content, measure: tg.unit, value: tg.value, status }));
    }
    ws.addRow(row);
  }
  for (const sheet of [ws, tw]) {
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { vertical: 'middle', wrapText: true };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columnCount } };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
