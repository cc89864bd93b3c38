import { mkdirSync, writeFileSync } from 'node:fs';
import { argWords } from '../shared/args.js';
import { basename, dirname, extname, join } from 'node:path';
import type { Command, Ctx } from '../../bot/context.js';
import type { Msg } from '../../text/i18n.js';
import { access } from '../../bot/people.js';
import type { Reply } from '../../bot/types.js';
import { buildDocx } from './export-docx.js';
import { buildWorkbook } from './export-xlsx.js';
import { targetOf, type RegisterKit } from './kit.js';
import { STATUS } from './summary.js';

/** `thidua export` and /xuat: the year's workbook and a printable DOCX per registered unit. */
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const M = {
  description: { vi: 'xuất đăng ký thi đua ra Excel (quản trị, cụm trưởng) hoặc bản in DOCX của đơn vị', en: 'export registrations to Excel (admins, cluster heads) or your unit’s printable DOCX' },
  xlsx: { vi: '📎 Bảng tổng hợp đăng ký thi đua năm {year}: {n} đơn vị, {registered} đã có đăng ký.', en: '📎 Emulation registrations {year}: {n} units, {registered} registered.' },
  docx: { vi: '📎 Bản đăng ký thi đua năm {year} của {unit} (trạng thái: {status}).', en: '📎 The {year} emulation registration of {unit} (status: {status}).' },
  none: { vi: '{unit} chưa có đăng ký năm {year} để xuất. Gõ /dangky để đăng ký.', en: '{unit} has no {year} registration to export. Type /register to register.' },
  notAllowed: { vi: 'Bạn không có quyền xuất dữ liệu đăng ký.', en: 'You may not export registrations.' },
} satisfies Record<string, Msg>;

/** Units a person exports: the visible ones; the demo cluster only for its own people or when it has data. */
function exportUnits(kit: RegisterKit, unitIds: string[], registered: Set<string>): string[] {
  return unitIds.filter((id) => !kit.services.units.get(id)?.demo || registered.has(id));
}

export async function workbookFor(kit: RegisterKit, year: number, unitIds: string[], locale: 'vi' | 'en' = 'vi') {
  const regs = (await kit.regs.listYear(year)).filter((r) => unitIds.includes(r.unitId));
  const ids = exportUnits(kit, unitIds, new Set(regs.map((r) => r.unitId)));
  const bytes = await buildWorkbook({ year, unitIds: ids, regs, units: kit.services.units, titles: kit.titles, tz: kit.tz, locale, now: kit.services.now() });
  return { bytes, regs, unitIds: ids };
}

export function docxFor(kit: RegisterKit, reg: Parameters<typeof buildDocx>[0]['reg']): Promise<Buffer> {
  const { units } = kit.services;
  const unit = units.get(reg.unitId);
  const cluster = unit && units.cluster(unit.clusterId);
  return buildDocx({
    reg,
    unitName: units.name(reg.unitId, 'vi'),
    unitCode: unit?.code ?? '…',
    parent: unit?.parent,
    place: unit?.place,
    clusterName: cluster && !cluster.demo ? cluster.name.vi : undefined,
    titles: kit.titles,
    tz: kit.tz,
    now: kit.services.now(),
  });
}

/** Writes the workbook to `out` and one DOCX per registered unit next to it (or into `docxDir`). */
export async function exportToFiles(kit: RegisterKit, year: number, out: string, docxDir?: string): Promise<{ xlsx: string; docx: string[]; units: number; registered: number }> {
  const all = kit.services.units.all().map((u) => u.id);
  const { bytes, regs, unitIds } = await workbookFor(kit, year, all);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  const dir = docxDir ?? dirname(out);
  const base = docxDir ? `dang-ky-thi-dua-${year}` : basename(out, extname(out));
  mkdirSync(dir, { recursive: true });
  const docx: string[] = [];
  for (const reg of regs) {
    const path = join(dir, `${base}-${reg.unitId}.docx`);
    writeFileSync(path, await docxFor(kit, reg));
    docx.push(path);
  }
  return { xlsx: out, docx, units: unitIds.length, registered: regs.length };
}

export function exportCommand(kit: RegisterKit): Command {
  return {
    names: ['xuat', 'export'],
    description: M.description,
    needsPerson: true,
    personal: true,
    async run(ctx: Ctx): Promise<Reply[]> {
      const p = ctx.person!;
      const { year } = targetOf(kit, ctx, argWords(ctx));
      if (p.role === 'admin' || p.role === 'cluster-head') {
        const visible = access.visibleUnits(p, kit.services.units);
        const { bytes, regs, unitIds } = await workbookFor(kit, year, visible, ctx.locale);
        return [{ text: ctx.t(M.xlsx, { year, n: unitIds.length, registered: regs.length }), file: { name: `dang-ky-thi-dua-${year}.xlsx`, mime: XLSX_MIME, bytes }, personal: true }];
      }
      if (!access.canViewUnit(p, p.unitId, kit.services.units)) return [{ text: ctx.t(M.notAllowed) }];
      const unit = kit.services.units.name(p.unitId, ctx.locale);
      const reg = await kit.regs.get(p.unitId, year);
      if (!reg) return [{ text: ctx.t(M.none, { unit, year }) }];
      return [
        {
          text: ctx.t(M.docx, { year, unit, status: ctx.t(STATUS[reg.status]) }),
          file: { name: `dang-ky-thi-dua-${year}-${p.unitId}.docx`, mime: DOCX_MIME, bytes: await docxFor(kit, reg) },
          personal: true,
        },
      ];
    },
  };
}
