import { z } from 'zod';
import { button } from '../../bot/buttons.js';
import { auditEntry } from '../../bot/audit.js';
import type { Ctx, Flow, Services } from '../../bot/context.js';
import { personKey } from '../../bot/people.js';
import { truncate } from '../../text/truncate.js';
import type { Reply } from '../../bot/types.js';
import type { Citation, Docs } from '../../knowledge/docs.js';
import type { Knowledge } from '../../knowledge/index.js';
import { tr } from '../../text/i18n.js';
import { M } from './messages.js';
import type { Question, Questions } from './questions.js';

/** The department's side of escalated questions: list, answer, save as a standard answer. */
const isAdmin = (ctx: Ctx) => ctx.person?.role === 'admin';

export async function listQuestions(ctx: Ctx, questions: Questions): Promise<Reply[]> {
  if (!isAdmin(ctx)) return [{ text: ctx.t(M.adminsOnly) }];
  const open = await questions.escalated();
  if (!open.length) return [{ text: ctx.t(M.listEmpty) }];
  const shown = open.slice(0, 10);
  const lines = [ctx.t(M.listTitle, { n: open.length })];
  shown.forEach((q, i) => {
    const from = q.unitId ? ctx.services.units.name(q.unitId, ctx.locale) : ctx.t(M.anonymous);
    lines.push(`${i + 1}. «${q.question}» — ${from}, ${q.at.slice(0, 10)}`);
  });
  return [{ text: lines.join('\n'), personal: true, choices: shown.map((q, i) => ({ label: ctx.t(M.answerBtn, { n: i + 1 }), value: button('qa', q.id) })) }];
}

/** "luat-06-2022 23 1; nd-98-2023 54" → citations, or the piece that could not be read. */
export function parseCitations(text: string, docs: Docs): { ok: true; citations: { doc: string; article?: string; clause?: string }[] } | { ok: false; bad: string } {
  if (text.trim() === '-') return { ok: true, citations: [] };
  const citations = [];
  for (const part of text.split(/[;\n]/).map((s) => s.trim()).filter(Boolean)) {
    const [doc, article, clause] = part.replace(/điều|dieu|khoản|khoan|article|clause/gi, ' ').split(/[\s,]+/).filter(Boolean);
    if (!doc || !docs.has(doc.toLowerCase()) || (article && !/^\d+[a-z]?$/i.test(article)) || (clause && !/^\d+$/.test(clause))) return { ok: false, bad: truncate(part, 60) };
    citations.push({ doc: doc.toLowerCase(), ...(article ? { article } : {}), ...(clause ? { clause } : {}) });
  }
  return { ok: true, citations };
}

const stateSchema = z.object({ qid: z.string(), text: z.string().optional() });

export function answerFlow(questions: Questions, docs: Docs): Flow<z.infer<typeof stateSchema>> {
  return {
    id: 'answer-question',
    title: M.answerFlow,
    state: stateSchema,
    async start(ctx) {
      if (!isAdmin(ctx)) return { replies: [{ text: ctx.t(M.adminsOnly) }], done: true };
      const q = await questions.get(ctx.in.args ?? '');
      if (!q || q.status !== 'escalated') return { replies: [{ text: ctx.t(M.gone) }], done: true };
      return { replies: [{ text: ctx.t(M.askAnswer, { q: q.question }) }], state: { qid: q.id } };
    },
    async onInput(ctx, state) {
      if (!isAdmin(ctx)) return { replies: [{ text: ctx.t(M.adminsOnly) }], done: true };
      const text = ctx.in.text?.trim();
      if (!text) return { replies: [{ text: ctx.t(state.text ? M.askCitations : M.askAnswer, { q: '…', codes: docs.all().map((d) => d.code).join(', ') }) }], state };
      if (!state.text) return { replies: [{ text: ctx.t(M.askCitations, { codes: docs.all().map((d) => d.code).join(', ') }) }], state: { ...state, text } };
      const parsed = parseCitations(text, docs);
      if (!parsed.ok) return { replies: [{ text: ctx.t(M.badCitation, { c: parsed.bad }) }], state };
      const out = await answerQuestion(ctx.services, questions, docs, { id: state.qid, text: state.text, citations: parsed.citations, by: personKey(ctx.in.platform, ctx.in.userId) });
      if (!out.ok) return { replies: [{ text: ctx.t(M.gone) }], done: true };
      const choices = parsed.citations.length ? [{ label: ctx.t(M.curate), value: button('q', 'curate', out.question.id) }] : [];
      return { replies: [{ text: ctx.t(DELIVERY_NOTE[out.delivery]), choices }], done: true };
    },
    async back(ctx, state) {
      const q = await questions.get(state.qid);
      return { replies: [{ text: ctx.t(M.askAnswer, { q: q?.question ?? '…' }) }], state: { qid: state.qid } };
    },
  };
}

export async function curateAction(ctx: Ctx, questions: Questions, knowledge: Knowledge, id: string): Promise<Reply[]> {
  if (!isAdmin(ctx)) return [{ text: ctx.t(M.adminsOnly) }];
  const out = await curateQuestion(ctx.services, questions, knowledge, id, personKey(ctx.in.platform, ctx.in.userId));
  return [{ text: ctx.t(out === 'ok' ? M.curated : out === 'needs-citation' ? M.curateNeedsCitation : M.gone) }];
}

/** What the department is told once its answer is saved: delivered, left for the process that runs the asker's platform, or to be retried. */
export const DELIVERY_NOTE = { sent: M.sent, queued: M.queued, failed: M.notDelivered } as const;

export type AnswerOutcome = { ok: true; question: Question; delivery: keyof typeof DELIVERY_NOTE } | { ok: false; why: 'gone' };

/**
 * The department's answer to an escalated question (from /cauhoi or the web dashboard): the
 * question resolved, the audit entry and the message to the asker are one write; the message is
 * then delivered exactly once — here when this process runs the asker's platform, else by the
 * process that does (its upkeep delivers pending notices). Two answers racing: the first wins.
 */
export async function answerQuestion(services: Services, questions: Questions, docs: Docs, req: { id: string; text: string; citations: Citation[]; by: string }): Promise<AnswerOutcome> {
  const done = await services.store.withLock(`question:${req.id}`, async () => {
    const q = await questions.get(req.id);
    if (!q || q.status !== 'escalated') return undefined;
    const now = services.now();
    const resolved: Question = { ...q, status: 'resolved', reply: { text: req.text, citations: req.citations, by: req.by, at: now.toISOString(), curated: false } };
    const basis = req.citations.length ? `\n\n${tr(q.locale, M.basis)}\n${req.citations.map((c) => `- ${docs.cite(c, q.locale)}`).join('\n')}` : '';
    const notice = services.notices.queue([{ to: { platform: q.platform, chatId: q.chatId, userId: q.userId }, reply: { text: tr(q.locale, M.replyToAsker, { q: q.question, a: req.text + basis }) } }]);
    await services.store.batch([questions.repo.write(q.id, resolved), auditEntry(now, req.by, 'question-answered', { id: q.id }), ...notice.writes]);
    return { question: resolved, notice: notice.ids[0] };
  });
  if (!done) return { ok: false, why: 'gone' };
  const q = done.question;
  if (!services.outbox.reaches(q.platform, q.chatId)) return { ok: true, question: q, delivery: 'queued' };
  const outcome = (await services.notices.deliver([done.notice])).get(done.notice);
  return { ok: true, question: q, delivery: outcome === 'failed' ? 'failed' : 'sent' };
}

/** Saves a resolved question and its answer as a standard answer (it needs a legal basis); once. */
export async function curateQuestion(services: Services, questions: Questions, knowledge: Pick<Knowledge, 'addCurated'>, id: string, by: string): Promise<'ok' | 'gone' | 'needs-citation'> {
  return services.store.withLock(`question:${id}`, async () => {
    const q = await questions.get(id);
    if (!q?.reply || q.reply.curated) return 'gone';
    if (!q.reply.citations.length) return 'needs-citation';
    await knowledge.addCurated({ questions: [q.question], answer: q.reply.text, citations: q.reply.citations, by });
    await questions.save({ ...q, reply: { ...q.reply, curated: true } });
    await services.audit(by, 'curated-answer-added', { id: q.id });
    return 'ok';
  });
}
