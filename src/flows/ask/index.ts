import type { Ctx, Module } from '../../bot/context.js';
import { button } from '../../bot/buttons.js';
import { COMMON } from '../../bot/messages.js';
import { personKey } from '../../bot/people.js';
import { rateLimit, RULES } from '../../bot/rate-limit.js';
import { truncate } from '../../text/truncate.js';
import type { Choice, Reply } from '../../bot/types.js';
import { tr } from '../../text/i18n.js';
import { fold } from '../../text/vntext.js';
import type { Answer } from '../../knowledge/index.js';
import type { ModuleDeps } from '../deps.js';
import { answerFlow, curateAction, listQuestions } from './escalation.js';
import { M } from './messages.js';
import { Questions } from './questions.js';

/** A question about a deadline (folded). */
const DEADLINE = /\b(han nop|han chot|thoi han|han cuoi|han gui|deadline|due date)\b/;

/** /hoi and plain questions: cited answers, feedback buttons, escalation to the department. */
export function askModule({ services, knowledge }: Pick<ModuleDeps, 'services' | 'knowledge'>): Module {
  const questions = new Questions(services.store);
  async function answer(ctx: Ctx, text: string): Promise<Reply[]> {
    const a = await knowledge.ask(text, { locale: ctx.locale });
    const id = Questions.newId();
    await questions.save({
      id,
      question: truncate(text, 1000),
      platform: ctx.in.platform,
      chatId: ctx.in.chatId,
      userId: ctx.in.userId,
      unitId: ctx.person?.unitId,
      locale: ctx.locale,
      at: ctx.now.toISOString(),
      answered: a.answered,
      cited: a.citations.map((c) => c.id),
      status: 'asked',
    });
    const shown = a.answered && asksDeadline(text, a) ? `${a.answer}\n\n${ctx.t(M.deadlinesHint)}` : a.answer;
    return [{ text: shown, choices: [...topicChoices(ctx, a), ...feedback(ctx, a, id)] }];
  }

  // The law gives rules; this year's dates are the department's, in the calendar the reminders use (/hanchot).
  const onDeadlines = new Set(knowledge.passages.filter((p) => p.tags.includes('thoi-han')).map((p) => p.id));
  const asksDeadline = (text: string, a: Answer) => DEADLINE.test(` ${fold(text)} `) || a.citations.some((c) => onDeadlines.has(c.id));

  /** Close topics as buttons: instead of an answer (suggestions) or beside a less than sure one (related). */
  const topicChoices = (ctx: Ctx, a: Answer): Choice[] =>
    [...(a.suggestions ?? []), ...(a.related ?? [])].map((t) => ({ label: ctx.t(M.topic, { title: t.title }), value: button('kb', t.id) }));

  const feedback = (ctx: Ctx, a: Answer, id: string): Choice[] =>
    a.answered
      ? [
          { label: ctx.t(M.helpful), value: button('fb', 'up', id) },
          { label: ctx.t(M.notHelpful), value: button('fb', 'down', id) },
        ]
      : [{ label: ctx.t(M.escalate), value: button('q', 'send', id) }];

  /** The question record of a button, only for the person it was shown to. */
  async function own(ctx: Ctx, id: string) {
    const q = await questions.get(id);
    return q && q.platform === ctx.in.platform && q.userId === ctx.in.userId ? q : undefined;
  }

  return {
    name: 'ask',
    commands: [
      {
        names: ['hoi', 'ask'],
        description: { vi: 'hỏi về tiêu chuẩn, thủ tục thi đua, khen thưởng', en: 'ask about award criteria and procedures' },
        async run(ctx) {
          const text = ctx.in.args?.trim();
          return text ? answer(ctx, text) : [{ text: ctx.t(M.usage) }];
        },
      },
      {
        names: ['cauhoi', 'questions'],
        description: { vi: 'câu hỏi đang chờ bộ phận thi đua trả lời (quản trị)', en: 'questions waiting for the emulation office (admins)' },
        roles: ['admin'],
        needsPerson: true,
        run: (ctx) => listQuestions(ctx, questions),
      },
    ],
    flows: [answerFlow(questions, knowledge.docs)],
    actions: [
      {
        // A topic picked among suggestions: that passage's answer (ids are checked against the base).
        prefix: 'kb',
        async run(ctx, args) {
          const a = knowledge.explain(args.join(':'), { locale: ctx.locale });
          return [{ text: a ? a.answer : ctx.t(M.unknownTopic) }];
        },
      },
      {
        prefix: 'fb',
        async run(ctx, [vote, id]) {
          const q = (vote === 'up' || vote === 'down') && id ? await own(ctx, id) : undefined;
          if (!q) return [{ text: ctx.t(COMMON.staleButton) }];
          await questions.save({ ...q, feedback: vote as 'up' | 'down' });
          if (vote === 'up') return [{ text: ctx.t(M.thanks) }];
          return [{ text: ctx.t(M.thanksDown), choices: [{ label: ctx.t(M.escalate), value: button('q', 'send', q.id) }] }];
        },
      },
      {
        prefix: 'q',
        async run(ctx, [verb, id]) {
          if (verb === 'curate') return curateAction(ctx, questions, knowledge, id ?? '');
          const q = verb === 'send' && id ? await own(ctx, id) : undefined;
          if (!q) return [{ text: ctx.t(COMMON.staleButton) }];
          if (q.status !== 'asked') return [{ text: ctx.t(M.alreadyEscalated) }];
          const limit = await rateLimit(ctx.services.store, 'escalation', personKey(ctx.in.platform, ctx.in.userId), ctx.now);
          if (!limit.ok)
            return [
              {
                text: ctx.t(M.tooManyEscalations, { max: RULES.escalation.max, window: RULES.escalation.windowMs / 60_000, min: limit.retryMinutes }),
                choices: [{ label: ctx.t(M.escalate), value: button('q', 'send', q.id) }],
              },
            ];
          await questions.save({ ...q, status: 'escalated', escalatedAt: ctx.now.toISOString() });
          await ctx.services.audit(personKey(ctx.in.platform, ctx.in.userId), 'question-escalated', { id: q.id });
          const { people, units, outbox } = ctx.services;
          const admins = (await people.list()).filter((p) => p.role === 'admin');
          let delivered = 0;
          for (const admin of admins) {
            const locale = admin.locale ?? 'vi';
            const text = tr(locale, M.newQuestion, { from: ctx.person ? units.name(ctx.person.unitId, locale) : tr(locale, M.anonymous), q: q.question });
            try {
              await outbox.send({ platform: admin.platform, chatId: admin.chatId, userId: admin.userId }, [{ text }], { broadcast: true });
              delivered++;
            } catch {
              /* the admin's platform may not be running here; the question stays listed in /cauhoi */
            }
          }
          return [{ text: ctx.t(M.escalated) + (delivered ? '' : '\n' + ctx.t(M.noAdmins)) }];
        },
      },
      { prefix: 'qa', flow: 'answer-question' },
    ],
    async onText(ctx) {
      return answer(ctx, ctx.in.text ?? '');
    },
  };
}
