import { z } from 'zod';
import { button } from '../../core/buttons.js';
import type { Ctx, Flow } from '../../core/context.js';
import { personKey } from '../../core/people.js';
import { truncate } from '../../text/truncate.js';
import type { Reply } from '../../core/types.js';
import type { Docs } from '../../knowledge/docs.js';
import type { Knowledge } from '../../knowledge/index.js';
import { tr } from '../../text/i18n.js';
import { M } from './messages.js';
import type { Questions } from './questions.js';

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
      const q = await questions.get(state.qid);
      if (!q || q.status !== 'escalated') return { replies: [{ text: ctx.t(M.gone) }], done: true };
      const by = personKey(ctx.in.platform, ctx.in.userId);
      await questions.save({ ...q, status: 'resolved', reply: { text: state.text, citations: parsed.citations, by, at: ctx.now.toISOString(), curated: false } });
      await ctx.services.audit(by, 'question-answered', { id: q.id });
      const basis = parsed.citations.length ? `\n\n${tr(q.locale, M.basis)}\n${parsed.citations.map((c) => `- ${docs.cite(c, q.locale)}`).join('\n')}` : '';
      const toAsker = tr(q.locale, M.replyToAsker, { q: q.question, a: state.text + basis });
      let note = ctx.t(M.sent);
      try {
        await ctx.services.outbox.send({ platform: q.platform, chatId: q.chatId, userId: q.userId }, [{ text: toAsker }], { broadcast: true });
      } catch (err) {
        note = ctx.t(M.notDelivered, { why: err instanceof Error ? err.message : String(err) });
      }
      const choices = parsed.citations.length ? [{ label: ctx.t(M.curate), value: button('q', 'curate', q.id) }] : [];
      return { replies: [{ text: note, choices }], done: true };
    },
    async back(ctx, state) {
      const q = await questions.get(state.qid);
      return { replies: [{ text: ctx.t(M.askAnswer, { q: q?.question ?? '…' }) }], state: { qid: state.qid } };
    },
  };
}

export async function curateAction(ctx: Ctx, questions: Questions, knowledge: Knowledge, id: string): Promise<Reply[]> {
  if (!isAdmin(ctx)) return [{ text: ctx.t(M.adminsOnly) }];
  const q = await questions.get(id);
  if (!q?.reply || q.reply.curated) return [{ text: ctx.t(M.gone) }];
  if (!q.reply.citations.length) return [{ text: ctx.t(M.curateNeedsCitation) }];
  const by = personKey(ctx.in.platform, ctx.in.userId);
  await knowledge.addCurated({ questions: [q.question], answer: q.reply.text, citations: q.reply.citations, by });
  await questions.save({ ...q, reply: { ...q.reply, curated: true } });
  await ctx.services.audit(by, 'curated-answer-added', { id: q.id });
  return [{ text: ctx.t(M.curated) }];
}
