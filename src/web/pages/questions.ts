import { showLocal } from '../../domain/dates.js';
import { labeller } from '../../bot/names.js';
import type { Question } from '../../flows/ask/questions.js';
import { html, type Html } from '../html.js';
import type { PageCtx } from '../kit.js';
import { csrfField, flashBox, frame, table, type Flash } from '../layout.js';
import { M } from '../messages.js';

/** The questions waiting for the department, each with a form that answers it into the same loop as /cauhoi. */
export const MAX_ANSWER = 3500;

export async function questionsPage(p: PageCtx, flash?: Flash, draft?: { id: string; answer: string; citations: string; curate: boolean }): Promise<Html> {
  const { kit, t, locale } = p;
  const { units } = kit.services;
  const tz = kit.services.config.TZ_NAME;
  const waiting = await kit.questions.escalated();
  const people = await kit.services.people.list();
  const who = labeller(people, units, locale);
  const from = (q: Question) => {
    const person = people.find((x) => x.platform === q.platform && x.userId === q.userId);
    if (!person) return q.unitId ? units.name(q.unitId, locale) : t(M.anonymous);
    // A name with its unit; without a name the label already says role and unit.
    return person.name?.trim() ? `${person.name.trim()} — ${units.name(person.unitId, locale)}` : who(`${q.platform}:${q.userId}`);
  };
  const items = waiting.map((q) => {
    const d = draft?.id === q.id ? draft : undefined;
    const cited = q.cited.map((id) => kit.knowledge.passages.find((x) => x.id === id)).filter((x) => !!x);
    return html`<section class="card" id="q-${q.id}"><p class="q"><strong>${q.question}</strong></p>
<p class="muted">${t(M.askedBy, { from: from(q), at: showLocal(q.at, tz), escalated: q.escalatedAt ? showLocal(q.escalatedAt, tz) : '—' })}</p>
<p class="muted">${q.answered && cited.length ? t(M.botCited, { list: cited.map((x) => x.title).join('; ') }) : t(M.botNotAnswered)}</p>
<form class="answer" method="post" action="/app/questions/${q.id}/answer">${csrfField(p)}
<label for="a-${q.id}">${t(M.answerLabel)}</label><textarea id="a-${q.id}" name="answer" maxlength="${MAX_ANSWER}" required>${d?.answer ?? ''}</textarea>
<label for="c-${q.id}">${t(M.citationsLabel)}</label><input type="text" id="c-${q.id}" name="citations" value="${d?.citations ?? ''}" placeholder="${t(M.citationsExample)}">
<label class="check"><input type="checkbox" name="curate" value="1"${d?.curate ? html` checked` : ''}> ${t(M.curateLabel)}</label>
<p><button class="btn" type="submit">${t(M.sendAnswer)}</button></p></form></section>`;
  });

  const recent = (await kit.questions.repo.list())
    .map((e) => e.value)
    .filter((q) => q.status === 'resolved' && q.reply)
    .sort((a, b) => b.reply!.at.localeCompare(a.reply!.at))
    .slice(0, 20);
  const recentTable = recent.length
    ? table(
        html`<tr><th>${t(M.colQuestion)}</th><th>${t(M.colAnswer)}</th><th>${t(M.colAnsweredAt)}</th><th>${t(M.colStandard)}</th></tr>`,
        recent.map(
          (q) => html`<tr><td class="q">${q.question}</td><td class="q">${q.reply!.text}</td><td data-v="${q.reply!.at}">${showLocal(q.reply!.at, tz)}</td><td>${
            q.reply!.curated
              ? t(M.isStandard)
              : q.reply!.citations.length
                ? html`<form method="post" action="/app/questions/${q.id}/curate">${csrfField(p)}<button class="btn sec" type="submit">${t(M.makeStandard)}</button></form>`
                : t(M.noBasis)
          }</td></tr>`,
        ),
      )
    : '';

  const body = html`${flashBox(flash)}
${waiting.length ? items : html`<section class="card"><p>${t(M.questionsNone)}</p></section>`}
<details class="card noprint"><summary>${t(M.docCodes)}</summary><p class="muted">${kit.knowledge.docs.all().map((d) => d.code).join(', ')}</p></details>
${recent.length ? html`<section class="card"><h2>${t(M.recentTitle)}</h2>${recentTable}</section>` : ''}`;
  return frame(p, { title: t(M.questionsTitle, { n: waiting.length }), nav: 'questions', body });
}
