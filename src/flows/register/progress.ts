import { titleAbbr } from '../../domain/titles.js';
import type { Command, Ctx } from '../../bot/context.js';
import { argWords } from '../shared/args.js';
import type { Msg } from '../../text/i18n.js';
import { access } from '../../bot/people.js';
import type { Locale, Reply } from '../../bot/types.js';
import { showLocal } from '../../domain/dates.js';
import { registrable } from './form.js';
import { lockFor, targetOf, type RegisterKit } from './kit.js';
import type { Registration, RegistrationStatus } from './records.js';
import { STATUS } from './summary.js';

/** /tiendo: who has registered, per unit, and how many aim for each title (cluster heads, admins). */
const M = {
  description: { vi: 'tiến độ đăng ký thi đua của các đơn vị (cụm trưởng, quản trị)', en: 'registration progress of the units (cluster heads, admins)' },
  notAllowed: { vi: 'Chỉ cụm trưởng và quản trị xem được tiến độ. Gõ /dangky xem để xem đăng ký của đơn vị mình.', en: 'Only cluster heads and administrators can see progress. Type /register view for your own unit.' },
  head: { vi: '📊 Tiến độ đăng ký thi đua năm {year} — {n} đơn vị', en: '📊 Emulation registration progress {year} — {n} units' },
  counts: { vi: 'Đã duyệt: {approved} · Chờ duyệt: {submitted} · Trả lại: {returned} · Bản nháp: {draft} · Chưa đăng ký: {missing}', en: 'Approved: {approved} · Awaiting approval: {submitted} · Returned: {returned} · Draft: {draft} · Not registered: {missing}' },
  due: { vi: 'Hạn đăng ký: {due}{passed}', en: 'Registration deadline: {due}{passed}' },
  passed: { vi: ' (đã qua)', en: ' (passed)' },
  people: { vi: '{n} người', en: '{n} staff' },
  totals: { vi: 'Tổng số đăng ký (đã gửi và đã duyệt):', en: 'Totals (submitted and approved):' },
  collective: { vi: 'Tập thể: {list}', en: 'Collective: {list}' },
  individual: { vi: 'Cá nhân: {list}', en: 'Individual: {list}' },
  nothing: { vi: 'chưa có', en: 'none yet' },
} satisfies Record<string, Msg>;

const ICON: Record<RegistrationStatus | 'missing', string> = { approved: '✅', submitted: '📨', returned: '↩️', draft: '📝', missing: '⏳' };

export function progressCommand(kit: RegisterKit): Command {
  const { units } = kit.services;
  const abbr = (id: string, locale: Locale) => titleAbbr(kit.titles, id, locale);

  /** Visible units; the demo cluster only for people of the demo cluster. */
  function unitsFor(ctx: Ctx): string[] {
    const own = units.get(ctx.person?.unitId ?? '');
    return access.visibleUnits(ctx.person, units).filter((id) => !units.get(id)?.demo || own?.demo);
  }

  async function report(ctx: Ctx): Promise<Reply[]> {
    const role = ctx.person?.role;
    if (role !== 'cluster-head' && role !== 'admin') return [{ text: ctx.t(M.notAllowed) }];
    const { year } = targetOf(kit, ctx, argWords(ctx));
    const ids = unitsFor(ctx);
    const regs = new Map((await kit.regs.listYear(year)).filter((r) => ids.includes(r.unitId)).map((r) => [r.unitId, r]));
    const count: Record<RegistrationStatus | 'missing', number> = { approved: 0, submitted: 0, returned: 0, draft: 0, missing: 0 };
    const lines = [ctx.t(M.head, { year, n: ids.length })];
    const lock = lockFor(kit, year, ctx.now);
    const body: string[] = [];
    for (const cluster of units.clusters) {
      const mine = ids.filter((id) => units.get(id)?.clusterId === cluster.id);
      if (!mine.length) continue;
      body.push('', cluster.name[ctx.locale]);
      for (const id of mine) {
        const r = regs.get(id);
        const status = r?.status ?? 'missing';
        count[status]++;
        body.push(`  ${ICON[status]} ${units.name(id, ctx.locale)} — ${ctx.t(STATUS[status])}${r ? detail(r, ctx) : ''}`);
      }
    }
    lines.push(ctx.t(M.counts, count));
    if (lock.due) lines.push(ctx.t(M.due, { due: showLocal(lock.due, kit.tz), passed: lock.locked ? ctx.t(M.passed) : '' }));
    lines.push(...body, '', ctx.t(M.totals), ...totals([...regs.values()].filter((r) => r.status === 'submitted' || r.status === 'approved'), ctx));
    return [{ text: lines.join('\n'), personal: true }];
  }

  function detail(r: Registration, ctx: Ctx): string {
    const parts = [r.collectiveTitle ? abbr(r.collectiveTitle, ctx.locale) : '—', ctx.t(M.people, { n: r.headcount })];
    const counts = registrable(kit.titles).individual.map((t) => `${abbr(t.id, ctx.locale)} ${r.individual[t.id] ?? 0}`);
    const when = r.submittedAt && r.status !== 'draft' ? ` (${showLocal(r.submittedAt, kit.tz, false)})` : '';
    return `${when} · ${parts.join(' · ')} · ${counts.join(', ')}`;
  }

  function totals(regs: Registration[], ctx: Ctx): string[] {
    const { collective, individual } = registrable(kit.titles);
    const col = collective.map((t) => [t.id, regs.filter((r) => r.collectiveTitle === t.id).length] as const).filter(([, n]) => n > 0);
    const ind = individual.map((t) => [t.id, regs.reduce((s, r) => s + (r.individual[t.id] ?? 0), 0)] as const).filter(([, n]) => n > 0);
    const list = (xs: readonly (readonly [string, number])[]) => (xs.length ? xs.map(([id, n]) => `${abbr(id, ctx.locale)} ${n}`).join(', ') : ctx.t(M.nothing));
    return [`  ${ctx.t(M.collective, { list: list(col) })}`, `  ${ctx.t(M.individual, { list: list(ind) })}`];
  }

  return { names: ['tiendo', 'progress'], description: M.description, roles: ['cluster-head', 'admin'], needsPerson: true, personal: true, run: report };
}
