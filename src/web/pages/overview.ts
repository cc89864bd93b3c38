import { registrationYear, showLocal } from '../../domain/dates.js';
import { titleAbbr } from '../../domain/titles.js';
import { lockFor } from '../../flows/register/kit.js';
import type { Registration, RegistrationStatus } from '../../flows/register/records.js';
import { STATUS } from '../../flows/register/summary.js';
import { deadlineBoard, deadlinesAround } from '../../flows/reminders/board.js';
import { stackedBar, type Segment } from '../chart.js';
import { html, query, type Html } from '../html.js';
import type { PageCtx } from '../kit.js';
import { frame, table, tag } from '../layout.js';
import { M } from '../messages.js';
import { followedUnits, yearParam } from '../scope-units.js';

/** The overview: per cluster, registration status per unit with a chart; deadlines with late units and reminders. */
export const STATUS_ORDER: (RegistrationStatus | 'missing')[] = ['approved', 'submitted', 'returned', 'draft', 'missing'];
export const STATUS_COLOR: Record<RegistrationStatus | 'missing', string> = { approved: '#1f7a3a', submitted: '#c98a1b', returned: '#b42318', draft: '#5f6670', missing: '#9aa1ab' };

export async function overviewPage(p: PageCtx): Promise<Html> {
  const { kit, t, locale } = p;
  const { units } = kit.services;
  const tz = kit.register.tz;
  const year = yearParam(p, registrationYear(kit.register.calendar, p.now, tz));
  const ids = followedUnits(p);
  const visible = new Set(ids);
  const yearRegs = await kit.register.regs.listYear(year);
  const regs = new Map(yearRegs.filter((r) => visible.has(r.unitId)).map((r) => [r.unitId, r]));
  const lock = lockFor(kit.register, year, p.now);
  const manager = p.viewer.role === 'admin' || p.viewer.role === 'cluster-head';

  const clusters = units.clusters
    .map((c) => ({ c, ids: c.unitIds.filter((id) => visible.has(id)) }))
    .filter((x) => x.ids.length)
    .map(({ c, ids: mine }) => clusterSection(p, c.name[locale], mine, regs));

  const deadlines = await deadlineBoard(kit.reminders, { deadlines: deadlinesAround(kit.reminders, p.now), unitIds: ids, now: p.now, locale, registrations: new Map([[year, yearRegs]]) });
  const dl = deadlines.filter((d) => d.units.length);
  const deadlineTable = dl.length
    ? table(
        html`<tr><th>${t(M.colDeadline)}</th><th>${t(M.colDue)}</th><th class="n">${t(M.colDone)}</th><th class="n">${t(M.colReminders)}</th><th class="n">${t(M.colAck)}</th><th>${t(M.colLateUnits)}</th></tr>`,
        dl.map(
          (d) => html`<tr><td>${d.deadline.title[locale]}</td><td data-v="${d.due.toISOString()}">${showLocal(d.due, tz)} ${tag(d.passed ? 'late' : 'pending', d.passed ? t(M.duePassed) : t(M.dueIn, { n: Math.max(0, Math.ceil((d.due.getTime() - p.now.getTime()) / 86400_000)) }))}</td>
<td class="n" data-v="${d.done}">${d.done}/${d.units.length}</td><td class="n">${d.remindersSent}</td><td class="n" data-v="${d.remindedDone}">${d.remindedDone}/${d.remindedUnits}</td>
<td>${d.passed ? (d.late.length ? d.late.map((u, i) => html`${i ? ', ' : ''}<a href="/app/unit/${encodeURIComponent(u)}">${units.name(u, locale)}</a>`) : t(M.nobodyLate)) : t(M.notYet)}</td></tr>`,
        ),
      )
    : html`<p class="muted">${t(M.deadlinesNone)}</p>`;

  const body = html`<div class="toolbar"><a href="/app/${query({ year: year - 1 })}">${t(M.prevYear, { year: year - 1 })}</a><strong>${t(M.year, { year })}</strong><a href="/app/${query({ year: year + 1 })}">${t(M.nextYear, { year: year + 1 })}</a>
${manager ? html`<a class="btn sec" href="/app/export.xlsx${query({ year })}">${t(M.downloadXlsx)}</a>` : ''}</div>
<section class="card"><h2>${t(M.regTitle, { year })}</h2>${lock.due ? html`<p>${t(M.regDue, { due: showLocal(lock.due, tz), passed: lock.locked ? t(M.passed) : '' })}</p>` : ''}
${ids.length ? '' : html`<p>${t(M.noUnits)}</p>`}</section>
${clusters}
<section class="card"><h2>${t(M.deadlinesTitle)}</h2>${deadlineTable}</section>`;
  return frame(p, { title: t(M.overviewTitle), nav: 'overview', body });
}

function clusterSection(p: PageCtx, name: string, ids: string[], regs: Map<string, Registration>): Html {
  const { t, locale, kit } = p;
  const { units } = kit.services;
  const titles = kit.register.titles;
  const count = Object.fromEntries(STATUS_ORDER.map((s) => [s, 0])) as Record<RegistrationStatus | 'missing', number>;
  for (const id of ids) count[regs.get(id)?.status ?? 'missing']++;
  const segments: Segment[] = STATUS_ORDER.map((s) => ({ key: s, label: t(STATUS[s]), value: count[s], color: STATUS_COLOR[s] }));
  const chartLabel = t(M.chartLabel, { list: segments.map((s) => `${s.label} ${s.value}`).join(', ') });
  const rows = ids.map((id) => {
    const r = regs.get(id);
    const status = r?.status ?? 'missing';
    return html`<tr><td><a href="/app/unit/${encodeURIComponent(id)}${query({ year: r?.year })}">${units.name(id, locale)}</a></td>
<td data-v="${STATUS_ORDER.indexOf(status)}">${tag(status, t(STATUS[status]))}</td><td>${r?.collectiveTitle ? titleAbbr(titles, r.collectiveTitle, locale) : t(M.none)}</td>
<td class="n">${r ? r.headcount : ''}</td><td data-v="${r?.submittedAt ?? ''}">${r?.submittedAt && r.status !== 'draft' ? showLocal(r.submittedAt, kit.register.tz) : ''}</td><td class="n">${r ? r.version : ''}</td></tr>`;
  });
  return html`<section class="card"><h2>${name}</h2><p class="muted">${t(M.clusterUnits, { n: ids.length })}</p>
${stackedBar(segments, chartLabel)}
<ul class="legend">${segments.map((s) => html`<li><i class="sw-${s.key}"></i>${s.label}: <strong>${s.value}</strong></li>`)}</ul>
${table(
  html`<tr><th>${t(M.colUnit)}</th><th>${t(M.colStatus)}</th><th>${t(M.colCollective)}</th><th class="n">${t(M.colHeadcount)}</th><th>${t(M.colSubmitted)}</th><th class="n">${t(M.colVersion)}</th></tr>`,
  rows,
)}</section>`;
}
