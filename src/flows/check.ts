import { join } from 'node:path';
import { z } from 'zod';
import type { Ctx, Flow, Module, Step } from '../bot/context.js';
import { formBack, formStateSchema, promptField, startForm, walkForm } from '../bot/form.js';
import { tr, type Msg } from '../text/i18n.js';
import { truncate } from '../text/truncate.js';
import type { FormSpec, Locale, Measure } from '../bot/types.js';
import { docsAt, type Docs } from '../knowledge/docs.js';
import { loadTitles, type Title } from '../domain/titles.js';
import { key } from '../text/vntext.js';
import type { ModuleDeps } from './deps.js';

/** /kiemtra: pick a title, answer its criteria one by one, get a verdict with citations. */
const M = {
  title: { vi: 'kiểm tra tiêu chuẩn', en: 'criteria check' },
  pick: { vi: 'Bạn muốn kiểm tra tiêu chuẩn của danh hiệu / hình thức khen thưởng nào?', en: 'Which title or form of commendation do you want to check?' },
  intro: { vi: 'Kiểm tra tiêu chuẩn "{name}" ({cite}). Trả lời lần lượt {n} câu hỏi.', en: 'Checking the criteria of "{name}" ({cite}). Answer {n} questions.' },
  noCriteria: { vi: '"{name}": chưa có tiêu chuẩn nào kiểm tra được trong cơ sở tri thức. Xem /hoi {name}.', en: '"{name}": no checkable criteria in the knowledge base yet. Try /ask {name}.' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  pass: { vi: '✅ Đáp ứng các tiêu chuẩn đã kiểm tra của "{name}".', en: '✅ Meets the checked criteria of "{name}".' },
  noVerdict: { vi: '⚠️ Chưa thể kết luận cho "{name}": các tiêu chuẩn trong cơ sở tri thức đều chưa được xác minh với văn bản hiện hành. Hãy đối chiếu hướng dẫn của Bộ hoặc hỏi Vụ Tổ chức cán bộ.', en: '⚠️ No verdict for "{name}": its criteria in the knowledge base are not verified against the current text. Check the Ministry guidance or ask the Personnel Department.' },
  fail: { vi: '❌ Chưa đáp ứng {n} tiêu chuẩn của "{name}":', en: '❌ Does not meet {n} criteria of "{name}":' },
  unverified: { vi: 'ℹ️ Tiêu chuẩn chưa xác minh được với văn bản gốc (chỉ để tham khảo, không dùng để kết luận):', en: 'ℹ️ Criteria not verified against the official text (for reference only, not used in the verdict):' },
  met: { vi: 'đạt', en: 'met' },
  unmet: { vi: 'chưa đạt', en: 'not met' },
  disclaimer: { vi: 'Kết quả chỉ để tham khảo; việc xét tặng do {who} quyết định trên cơ sở hồ sơ và bình xét.', en: 'For guidance only; the award is decided by {who} on the basis of the dossier and the review.' },
  unknownTitle: { vi: 'Không tìm thấy danh hiệu "{q}".', en: 'No title "{q}" found.' },
  atLeast: { vi: '(cần ≥ {min})', en: '(needs ≥ {min})' },
} satisfies Record<string, Msg>;

const stateSchema = z.object({ titleId: z.string().nullable(), form: formStateSchema });
type State = z.infer<typeof stateSchema>;

const YES = ['có', 'co', 'yes', 'y', 'đúng', 'dung', 'rồi', 'roi', 'đạt', 'dat', 'ok'];
const NO = ['không', 'khong', 'ko', 'no', 'n', 'chưa', 'chua', 'chưa đạt', 'sai'];

/** What a number question counts, from its Vietnamese wording: a share in %, months, else whole people or times. */
export function measureOf(question: string): Measure {
  const k = key(question);
  if (question.includes('%') || /\bty le\b/.test(k)) return 'percent';
  if (/\bthang\b/.test(k)) return 'months';
  return /\b(so lan|bao nhieu lan)\b/.test(k) ? 'count' : 'people';
}

function pickSpec(titles: Title[], locale: Locale): FormSpec {
  const choices = titles.map((t) => ({ label: t.name[locale], value: t.id, aliases: [t.name.vi, t.name.en, ...t.abbr] }));
  return { id: 'check-title', title: tr(locale, M.title), fields: [{ id: 'title', label: tr(locale, M.pick), kind: 'choice', choices, schema: z.enum(choices.map((c) => c.value) as [string, ...string[]]) }] };
}

function criteriaSpec(t: Title, locale: Locale): FormSpec {
  return {
    id: `check-${t.id}`,
    title: t.name[locale],
    fields: t.criteria.map((c) =>
      c.ask === 'yesno'
        ? { id: c.id, label: c.question[locale], kind: 'choice' as const, choices: [
                { label: tr(locale, M.yes), value: 'yes', aliases: YES },
                { label: tr(locale, M.no), value: 'no', aliases: NO },
              ], schema: z.enum(['yes', 'no']) }
        : {
            id: c.id,
            label: c.question[locale],
            kind: 'number' as const,
            measure: measureOf(c.question.vi),
            help: c.min !== undefined ? tr(locale, M.atLeast, { min: c.min }) : undefined,
            schema: z.number().min(0).max(1000),
          },
    ),
  };
}

export function findTitle(titles: Title[], query: string): Title | undefined {
  const q = key(query);
  if (!q) return undefined;
  return titles.find((t) => t.id === q.replace(/ /g, '-') || key(t.name.vi) === q || key(t.name.en) === q || t.abbr.some((a) => key(a) === q));
}

export function verdict(ctx: Pick<Ctx, 't' | 'locale'>, t: Title, answers: Record<string, unknown>, docs: Docs): string {
  const isMet = (id: string, min?: number) => {
    const a = answers[id];
    return typeof a === 'number' ? a >= (min ?? 1) : a === 'yes';
  };
  const unmet = t.criteria.filter((c) => c.verified && !isMet(c.id, c.min));
  const unverified = t.criteria.filter((c) => !c.verified);
  const name = t.name[ctx.locale];
  const line = (c: Title['criteria'][number]) => `• ${c.text[ctx.locale]} — ${docs.cite(c.citation, ctx.locale)}`;
  const verified = t.criteria.length - unverified.length;
  const out = [unmet.length ? ctx.t(M.fail, { n: unmet.length, name }) : ctx.t(verified ? M.pass : M.noVerdict, { name })];
  out.push(...unmet.map(line));
  if (unverified.length) {
    out.push('', ctx.t(M.unverified));
    out.push(...unverified.map((c) => `${line(c)} (${ctx.t(isMet(c.id, c.min) ? M.met : M.unmet)})`));
  }
  out.push('', ctx.t(M.disclaimer, { who: t.decidedBy[ctx.locale] }));
  return out.join('\n');
}

export function checkModule({ services }: Pick<ModuleDeps, 'services'>): Module {
  const dataDir = services.config.DATA_DIR;
  const titles = loadTitles(join(dataDir, 'titles.yaml'));
  const docs = docsAt(dataDir);
  const byId = (id: string | null) => titles.find((t) => t.id === id);

  function begin(ctx: Ctx, t: Title, note = ''): Step<State> {
    if (!t.criteria.length) return { replies: [{ text: ctx.t(M.noCriteria, { name: t.name[ctx.locale] }) }], done: true };
    const { state, reply } = startForm(criteriaSpec(t, ctx.locale), ctx.locale);
    const intro = ctx.t(M.intro, { name: t.name[ctx.locale], cite: docs.cite(t.citation, ctx.locale), n: t.criteria.length });
    return { replies: [{ ...reply, text: `${note}${intro}\n\n${reply.text}` }], state: { titleId: t.id, form: state } };
  }

  const flow: Flow<State> = {
    id: 'check',
    title: M.title,
    state: stateSchema,
    async start(ctx) {
      const arg = ctx.in.args?.trim() ?? '';
      const t = arg ? findTitle(titles, arg) : undefined;
      if (t) return begin(ctx, t);
      const note = arg ? ctx.t(M.unknownTitle, { q: truncate(arg, 60) }) + '\n' : '';
      const { state, reply } = startForm(pickSpec(titles, ctx.locale), ctx.locale);
      return { replies: [{ ...reply, text: note + reply.text }], state: { titleId: null, form: state } };
    },
    async onInput(ctx, state) {
      const t = byId(state.titleId);
      if (!t) {
        const r = walkForm(pickSpec(titles, ctx.locale), state.form, ctx.in, ctx.locale);
        if (r.kind === 'continue') return { replies: [r.reply], state: { ...state, form: r.state } };
        return begin(ctx, byId(r.values.title as string)!);
      }
      const r = walkForm(criteriaSpec(t, ctx.locale), state.form, ctx.in, ctx.locale);
      if (r.kind === 'continue') return { replies: [r.reply], state: { ...state, form: r.state } };
      return { replies: [{ text: verdict(ctx, t, r.values, docs) }], done: true };
    },
    resume(ctx, state) {
      const t = byId(state.titleId);
      return [promptField(t ? criteriaSpec(t, ctx.locale) : pickSpec(titles, ctx.locale), state.form, ctx.locale)];
    },
    async back(ctx, state) {
      const t = byId(state.titleId);
      if (t && state.form.index === 0) return this.start({ ...ctx, in: { ...ctx.in, args: '' } });
      const r = formBack(t ? criteriaSpec(t, ctx.locale) : pickSpec(titles, ctx.locale), state.form, ctx.locale);
      return { replies: [r.reply], state: { ...state, form: r.state } };
    },
  };

  return {
    name: 'check',
    commands: [{ names: ['kiemtra', 'check'], description: { vi: 'tự kiểm tra tiêu chuẩn một danh hiệu', en: 'check the criteria of a title' }, flow: 'check' }],
    flows: [flow],
  };
}
