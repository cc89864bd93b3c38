import { showLocal } from '../../domain/dates.js';
import { defaultYear, localTime } from '../../flows/review/kit.js';
import { missingText, num, SA_STATUS } from '../../flows/review/messages.js';
import type { Ballot } from '../../flows/review/records.js';
import { ranking } from '../../flows/review/scoring.js';
import { scope } from '../auth.js';
import { barChart } from '../chart.js';
import { html, query, type Html } from '../html.js';
import type { PageCtx } from '../kit.js';
import { frame, table, tag } from '../layout.js';
import { M } from '../messages.js';
import { yearParam } from '../scope-units.js';

/**
 * The cluster's year-end review: self-assessed scores and ranking (cluster head, admins), the
 * ballots — who has voted, never how; counts once closed — and the minutes. Reuses flows/review.
 */
export async function reviewPage(p: PageCtx, clusterId: string): Promise<Html> {
  const { kit, t, locale } = p;
  const { units } = kit.services;
  const rk = kit.review;
  const tz = rk.tz;
  const year = yearParam(p, defaultYear(rk, clusterId, p.now));
  const cfg = rk.reviews.get(clusterId, year);
  const clusterName = units.name(clusterId, locale);
  const manager = scope.canManageCluster(p.viewer, clusterId, kit.services);
  const base = `/app/review/${encodeURIComponent(clusterId)}`;
  const years = html`<div class="toolbar"><a href="${base}${query({ year: year - 1 })}">${t(M.prevYear, { year: year - 1 })}</a><strong>${t(M.year, { year })}</strong><a href="${base}${query({ year: year + 1 })}">${t(M.nextYear, { year: year + 1 })}</a>
${manager && cfg ? html`<a class="btn sec" href="${base}/minutes.docx${query({ year })}">${t(M.downloadMinutes)}</a>` : ''}</div>`;
  const title = `${t(M.reviewTitle, { year })} — ${clusterName}`;
  if (!cfg) return frame(p, { title, nav: 'review', body: html`${years}<section class="card"><p>${t(M.reviewNone, { year, cluster: clusterName, clusterId })}</p></section>` });

  const rows = ranking(cfg, units, await rk.records.listSa(year));
  let scores: Html;
  if (manager) {
    scores = html`${barChart(
      rows.map((r) => ({ label: units.name(r.unitId, locale), value: r.score ?? 0 })),
      cfg.maxTotal,
      t(M.rankingChart, { max: cfg.maxTotal }),
    )}
<p class="muted">${t(M.rankingChart, { max: num(cfg.maxTotal, locale) })}</p>
${table(
  html`<tr><th class="n">${t(M.colRank)}</th><th>${t(M.colUnit)}</th><th class="n">${t(M.colScore)}</th><th>${t(M.colStatus)}</th><th>${t(M.colMissing)}</th></tr>`,
  rows.map(
    (r) => html`<tr><td class="n" data-v="${r.rank ?? 999}">${r.rank ?? '—'}</td><td><a href="/app/unit/${encodeURIComponent(r.unitId)}">${units.name(r.unitId, locale)}</a></td>
<td class="n" data-v="${r.score ?? -1}">${r.score === null ? '—' : num(r.score, locale)}</td><td>${tag(r.status === 'none' ? 'missing' : r.status, t(SA_STATUS[r.status]))}</td><td>${missingText(locale, r.missing, r.unscored)}</td></tr>`,
  ),
)}`;
  } else {
    const own = rows.find((r) => r.unitId === p.viewer.person?.unitId);
    scores = html`${own ? html`<p>${t(M.ownStatus, { unit: units.name(own.unitId, locale), status: t(SA_STATUS[own.status]) })}</p>` : ''}<p class="muted">${t(M.rankingManagers)}</p>`;
  }

  const ballots = (await rk.records.listBallots({ clusterId, year })).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const ballotHtml = ballots.length ? await Promise.all(ballots.map((b) => ballotSection(p, b))) : html`<p class="muted">${t(M.ballotsNone, { year })}</p>`;

  const body = html`${years}
${cfg.sample ? html`<p class="flash warn">${t(M.reviewSample)}</p>` : ''}
<p>${t(M.reviewDates, { due: showLocal(localTime(cfg.dates.selfAssessmentDue, tz), tz), meeting: showLocal(localTime(cfg.dates.meeting, tz), tz) })}</p>
<section class="card"><h2>${t(M.rankingTitle)}</h2>${scores}</section>
<section class="card"><h2>${t(M.ballotsTitle)}</h2><p class="muted">${t(M.ballotSecret)}</p>${ballotHtml}</section>
${manager ? html`<section class="card"><h2>${t(M.minutesTitle)}</h2><p><a class="btn sec" href="${base}/minutes.docx${query({ year })}">${t(M.downloadMinutes)}</a></p></section>` : ''}`;
  return frame(p, { title, nav: 'review', body });
}

async function ballotSection(p: PageCtx, b: Ballot): Promise<Html> {
  const { kit, t, locale } = p;
  const { units } = kit.services;
  const tz = kit.review.tz;
  const name = (id: string) => units.name(id, locale);
  if (b.state === 'closed' && b.result) {
    const r = b.result;
    return html`<h3>${b.title[locale]} ${tag('done', t(M.ballotClosed, { at: showLocal(b.closedAt ?? b.closesAt, tz) }))}</h3>
<p>${t(M.ballotVoted, { n: r.voted, eligible: b.eligible.length })} · ${r.quorumMet ? t(M.quorumMet, { q: b.settings.quorum.label }) : t(M.quorumNot, { q: b.settings.quorum.label })}</p>
${table(
  html`<tr><th>${t(M.colCandidate)}</th><th class="n">${t(M.colYes)}</th><th class="n">${t(M.colNo2)}</th><th>${t(M.colResult)}</th></tr>`,
  r.candidates.map((c) => html`<tr><td>${name(c.unit)}</td><td class="n">${c.yes}</td><td class="n">${c.no}</td><td>${tag(c.passed ? 'done' : 'late', t(c.passed ? M.resultPassed : M.resultFailed))}</td></tr>`),
)}`;
  }
  // Open: who has voted (from the ballot box), never how; no counts before the closing.
  const voted = new Set(await kit.review.box.voters(b.id));
  return html`<h3>${b.title[locale]} ${tag('pending', t(M.ballotOpen, { at: showLocal(b.closesAt, tz) }))}</h3>
<p>${t(M.ballotCandidates, { list: b.candidates.map(name).join(', ') })}</p>
<p>${t(M.ballotVoted, { n: voted.size, eligible: b.eligible.length })}</p>
${table(
  html`<tr><th>${t(M.colUnit)}</th><th>${t(M.colStatus)}</th></tr>`,
  b.eligible.map((u) => html`<tr><td>${name(u)}</td><td>${voted.has(u) ? tag('done', t(M.unitVoted)) : tag('missing', t(M.unitNotVoted))}</td></tr>`),
)}`;
}
