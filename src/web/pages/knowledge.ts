import { dayIn } from '../../knowledge/docs.js';
import { stalePassages } from '../../knowledge/stale.js';
import { html, type Html } from '../html.js';
import type { PageCtx } from '../kit.js';
import { frame, table, tag } from '../layout.js';
import { M } from '../messages.js';

/** A registry date (YYYY-MM-DD) as the reader writes it: 01/07/2025 in Vietnamese. */
const showDay = (ymd: string, locale: 'vi' | 'en') => (locale === 'vi' && /^\d{4}-\d{2}-\d{2}$/.test(ymd) ? ymd.split('-').reverse().join('/') : ymd);

/** The document registry with each document's legal status, and the passages to review (as `thidua kb check` lists them). */
export function knowledgePage(p: PageCtx): Html {
  const { kit, t, locale } = p;
  const { docs, passages } = kit.knowledge;
  const day = dayIn(kit.services.config.TZ_NAME, p.now);
  const perDoc = new Map<string, number>();
  for (const x of passages) perDoc.set(x.doc, (perDoc.get(x.doc) ?? 0) + 1);
  const all = docs.all().sort((a, b) => (b.effective ?? '').localeCompare(a.effective ?? ''));
  const statusOf = (code: string) => {
    const d = docs.get(code)!;
    if (d.effective && d.effective > day) return tag('pending', t(M.notYetInForce, { from: showDay(d.effective, locale) }));
    const s = docs.status(code, day);
    if (s.inForce) return tag('inforce', t(M.inForce));
    return tag('replaced', s.by ? t(M.replacedBy, { by: docs.short(s.by, locale), from: showDay(s.from, locale) }) : t(M.lapsed, { from: showDay(s.from, locale) }));
  };
  const docTable = table(
    html`<tr><th>${t(M.colNumber)}</th><th>${t(M.colName)}</th><th>${t(M.colEffective)}</th><th>${t(M.colLegal)}</th><th class="n">${t(M.colPassages)}</th></tr>`,
    all.map(
      (d) => html`<tr><td class="nw">${d.number ?? d.code}</td><td>${d.name[locale]}${d.amendedBy.length ? html`<br><span class="muted">${t(M.amendedBy, { list: d.amendedBy.map((c) => docs.short(c, locale)).join(', ') })}</span>` : ''}${
        d.confidence === 'low' ? html` ${tag('pending', t(M.lowConfidence))}` : ''
      }</td><td class="nw" data-v="${d.effective ?? ''}">${d.effective ? showDay(d.effective, locale) : '—'}</td><td>${statusOf(d.code)}</td><td class="n">${perDoc.get(d.code) ?? 0}</td></tr>`,
    ),
  );
  const stale = stalePassages(passages, docs, day);
  const lapsedKept = passages.filter((x) => !docs.status(x.doc, day).inForce).length - stale.length;
  const staleTable = stale.length
    ? table(
        html`<tr><th>${t(M.colPassage)}</th><th>${t(M.colCites)}</th><th>${t(M.colNowIn)}</th><th>${t(M.colFile)}</th></tr>`,
        stale.map(
          (s) => html`<tr><td>${locale === 'en' && s.passage.titleEn ? s.passage.titleEn : s.passage.title}</td><td>${docs.short(s.passage.doc, locale)}${s.passage.article ? ` · ${locale === 'vi' ? 'Điều' : 'Art.'} ${s.passage.article}` : ''}</td>
<td>${s.by ? t(M.replacedBy, { by: docs.short(s.by, locale), from: showDay(s.from, locale) }) : t(M.noSuccessor)}</td><td><code>${s.passage.file.replace(/^.*?data\//, 'data/')}:${s.passage.line}</code></td></tr>`,
        ),
      )
    : html`<p>${t(M.reviewPassagesNone)}</p>`;
  const body = html`<section class="card"><h2>${t(M.docsTitle, { n: all.length })}</h2><p class="muted">${t(M.docsNote, { day: showDay(day, locale) })}</p>${docTable}</section>
<section class="card"><h2>${t(M.reviewPassagesTitle, { n: stale.length })}</h2><p class="muted">${t(M.reviewPassagesNote)}</p>${staleTable}
${lapsedKept > 0 ? html`<p class="muted">${t(M.oldKept, { n: lapsedKept })}</p>` : ''}</section>`;
  return frame(p, { title: t(M.knowledgeTitle), nav: 'knowledge', body });
}
