import { labeller, roleLabel } from '../../bot/names.js';
import { access } from '../../bot/people.js';
import { showNumber } from '../../bot/input.js';
import { registrationYear, showLocal } from '../../domain/dates.js';
import { lockFor } from '../../flows/register/kit.js';
import { registrable } from '../../flows/register/form.js';
import type { Registration } from '../../flows/register/records.js';
import { ACTION, renderChange, STATUS, titleName } from '../../flows/register/summary.js';
import { deadlineBoard, deadlinesAround, type DeadlineRow } from '../../flows/reminders/board.js';
import { html, query, type Html } from '../html.js';
import type { PageCtx } from '../kit.js';
import { csrfField, flashBox, frame, table, tag, type Flash } from '../layout.js';
import { M } from '../messages.js';
import { yearParam } from '../scope-units.js';

/** Longest comment of a return (as in the chat). */
export const MAX_COMMENT = 1000;

/**
 * A unit: its registration of the year (approve / return when it awaits this viewer's decision),
 * every version and approval, its reminder ledger, the downloads.
 */
export async function unitPage(p: PageCtx, unitId: string, flash?: Flash, comment = ''): Promise<Html> {
  const { kit, t, locale } = p;
  const { units } = kit.services;
  const tz = kit.register.tz;
  const unit = units.get(unitId)!;
  const year = yearParam(p, registrationYear(kit.register.calendar, p.now, tz));
  const reg = await kit.register.regs.get(unitId, year);
  const lock = lockFor(kit.register, year, p.now);
  const who = labeller(await kit.services.people.list(), units, locale);
  const cluster = units.cluster(unit.clusterId);
  const base = `/app/unit/${encodeURIComponent(unitId)}`;

  const regSection = reg
    ? html`${registrationBody(p, reg, who)}${decisionForm(p, reg, comment)}`
    : html`<p>${t(M.regNone, { year })}</p>`;
  const downloads = reg
    ? html`<p class="toolbar"><strong>${t(M.downloads)}:</strong> <a class="btn sec" href="${base}/registration.docx${query({ year })}">${t(M.downloadDocx)}</a> <a class="btn sec" href="${base}/registration.xlsx${query({ year })}">${t(M.downloadUnitXlsx)}</a></p>`
    : '';
  const history = reg?.history.length
    ? table(
        html`<tr><th class="n">${t(M.colVersion)}</th><th>${t(M.colWhen)}</th><th>${t(M.colWho)}</th><th>${t(M.colAction)}</th><th>${t(M.colChanges)}</th></tr>`,
        reg.history.map((h) => {
          const extra = [h.reason ? t(M.reason, { text: h.reason }) : '', h.comment ? t(M.comment, { text: h.comment }) : ''].filter(Boolean);
          const changes = h.changes.map((c) => renderChange(c, kit.register.titles, locale));
          return html`<tr><td class="n">${h.version}</td><td data-v="${h.at}">${showLocal(h.at, tz)}</td><td>${h.name ?? (h.role ? roleLabel(h.role, unitId, units, locale) : who(h.by))}</td>
<td>${t(ACTION[h.action])}</td><td class="q">${changes.length ? changes.join('; ') : ['save', 'submit', 'amend'].includes(h.action) ? t(M.noChange) : ''}${extra.length ? html`<br><em>${extra.join('; ')}</em>` : ''}</td></tr>`;
        }),
      )
    : html`<p class="muted">${t(M.historyNone)}</p>`;

  const board = await deadlineBoard(kit.reminders, { deadlines: deadlinesAround(kit.reminders, p.now), unitIds: [unitId], now: p.now, locale });
  const ledger = ledgerTable(p, board.filter((d) => d.units.length));

  const body = html`${flashBox(flash)}<p class="muted">${t(M.unitCluster, { cluster: cluster?.name[locale] ?? '', code: unit.code })}</p>
<div class="toolbar"><a href="${base}${query({ year: year - 1 })}">${t(M.prevYear, { year: year - 1 })}</a><strong>${t(M.year, { year })}</strong><a href="${base}${query({ year: year + 1 })}">${t(M.nextYear, { year: year + 1 })}</a></div>
<section class="card"><h2>${t(M.regTitle, { year })}</h2>${lock.locked && lock.due ? html`<p class="muted">${t(M.regLocked, { due: showLocal(lock.due, tz) })}</p>` : ''}${regSection}${downloads}</section>
<section class="card"><h2>${t(M.historyTitle)}</h2>${history}</section>
<section class="card"><h2>${t(M.ledgerTitle)}</h2>${ledger}</section>`;
  return frame(p, { title: t(M.unitTitle, { unit: units.name(unitId, locale) }), nav: p.viewer.person?.unitId === unitId ? 'unit' : 'overview', body });
}

/** Approve / return, for the head of the unit (or an administrator) while the registration awaits a decision. */
function decisionForm(p: PageCtx, reg: Registration, comment: string): Html | '' {
  if (reg.status !== 'submitted' || !access.canApproveUnit(p.viewer.person, reg.unitId)) return '';
  const { t } = p;
  const action = `/app/unit/${encodeURIComponent(reg.unitId)}/decide`;
  const fields = html`${csrfField(p)}<input type="hidden" name="year" value="${reg.year}"><input type="hidden" name="version" value="${reg.version}">`;
  return html`<div class="decide noprint"><h3>${t(M.decideTitle, { version: reg.version })}</h3><p class="muted">${t(M.decideHint)}</p>
<form method="post" action="${action}">${fields}<input type="hidden" name="decision" value="approve"><button class="btn" type="submit">${t(M.approveButton)}</button></form>
<form class="answer" method="post" action="${action}">${fields}<input type="hidden" name="decision" value="return">
<label for="return-comment">${t(M.returnLabel)}</label><textarea id="return-comment" name="comment" maxlength="${MAX_COMMENT}" required>${comment}</textarea>
<button class="btn sec" type="submit">${t(M.returnButton)}</button></form></div>`;
}

function registrationBody(p: PageCtx, reg: Registration, who: (k: string) => string): Html {
  const { t, locale, kit } = p;
  const tz = kit.register.tz;
  const titles = kit.register.titles;
  const { individual } = registrable(titles);
  const state = html`<p>${tag(reg.status, t(STATUS[reg.status]))} · ${t(M.colVersion)} ${reg.version}</p>
${reg.submittedAt && reg.status !== 'draft' ? html`<p>${t(M.regSubmittedAt, { at: showLocal(reg.submittedAt, tz) })}</p>` : ''}
${reg.status === 'approved' && reg.approvedAt ? html`<p>${t(M.regApproved, { at: showLocal(reg.approvedAt, tz), who: reg.approvedBy ? who(reg.approvedBy) : '—' })}</p>` : ''}
${reg.status === 'submitted' ? html`<p class="muted">${t(M.regAwaiting)}</p>` : ''}
${reg.status === 'returned' && reg.returnComment ? html`<p class="q">${t(M.regReturned, { comment: reg.returnComment })}</p>` : ''}`;
  const kv = html`<dl class="kv"><dt>${t(M.collective)}</dt><dd>${titleName(titles, reg.collectiveTitle, locale)}</dd><dt>${t(M.headcount)}</dt><dd>${reg.headcount}</dd></dl>`;
  const ind = table(
    html`<tr><th>${t(M.colTitle)}</th><th class="n">${t(M.colCount)}</th></tr>`,
    individual.map((ti) => html`<tr><td>${ti.name[locale]}</td><td class="n">${reg.individual[ti.id] ?? 0}</td></tr>`),
    undefined,
    'narrow',
  );
  const targets = reg.targets.length
    ? table(
        html`<tr><th class="n">${t(M.colNo)}</th><th>${t(M.colContent)}</th><th>${t(M.colMeasure)}</th><th class="n">${t(M.colValue)}</th></tr>`,
        reg.targets.map((x, i) => html`<tr><td class="n">${i + 1}</td><td class="q">${x.content}</td><td>${x.unit}</td><td class="n">${typeof x.value === 'number' ? showNumber(x.value, locale) : x.value}</td></tr>`),
      )
    : '';
  return html`${state}${kv}<h3>${t(M.individual)}</h3>${ind}<h3>${t(M.targets, { n: reg.targets.length })}</h3>${targets}
${reg.movements.length ? html`<h3>${t(M.movements)}</h3><ul>${reg.movements.map((m) => html`<li class="q">${m}</li>`)}</ul>` : ''}
${reg.notes ? html`<h3>${t(M.notes)}</h3><p class="q">${reg.notes}</p>` : ''}`;
}

function ledgerTable(p: PageCtx, rows: DeadlineRow[]): Html {
  const { t, locale, kit } = p;
  const tz = kit.register.tz;
  if (!rows.length) return html`<p class="muted">${t(M.ledgerNone)}</p>`;
  return table(
    html`<tr><th>${t(M.colDeadline)}</th><th>${t(M.colDue)}</th><th>${t(M.colStatus)}</th><th>${t(M.colCompleted)}</th><th class="n">${t(M.colReminders)}</th><th>${t(M.colLastReminder)}</th><th>${t(M.colHead)}</th><th class="n">${t(M.colFailed)}</th></tr>`,
    rows.map((d) => {
      const u = d.units[0];
      const [cls, label] = u.done ? (u.doneLate ? ['late', t(M.stDoneLate)] : ['done', t(M.stDone)]) : u.late ? ['late', t(M.stLate)] : ['pending', t(M.stPending)];
      return html`<tr><td>${d.deadline.title[locale]}</td><td data-v="${d.due.toISOString()}">${showLocal(d.due, tz)}</td><td>${tag(cls, label)}</td>
<td>${u.doneAt ? t(M.doneBy, { at: showLocal(u.doneAt, tz), who: u.doneBy ?? '' }) : ''}</td><td class="n">${u.reminders}</td><td>${u.lastReminder ? showLocal(u.lastReminder, tz) : ''}</td><td>${u.headAt ? showLocal(u.headAt, tz) : ''}</td><td class="n">${u.failed}</td></tr>`;
    }),
  );
}
