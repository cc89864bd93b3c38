import { z } from 'zod';
import { CANCEL, flowArgs, flowButton } from '../../bot/buttons.js';
import { argWords } from '../shared/args.js';
import { EDIT_WORDS, firstStep, SAVE_WORDS, unitFormSessionFields } from '../shared/records.js';
import { COMMON } from '../../bot/messages.js';
import type { Ctx, Flow, Step } from '../../bot/context.js';
import { formBack, formStateSchema, promptField, validateForm, walkForm, type FormState } from '../../bot/form.js';
import type { Msg } from '../../text/i18n.js';
import { access, personKey } from '../../bot/people.js';
import { truncate } from '../../text/truncate.js';
import type { Choice, FormSpec, Reply } from '../../bot/types.js';
import { matchChoice } from '../../bot/input.js';
import { key } from '../../text/vntext.js';
import { hasErrors, renderChecks, runChecks } from '../../knowledge/rules.js';
import { showLocal } from '../../domain/dates.js';
import { buildSpec, crossErrors, fromValues, toValues, type FormValues } from './form.js';
import { lockFor, targetOf, type RegisterKit } from './kit.js';
import { Registrations } from './records.js';
import { saveRegistration, type Confirm, type Outcome } from './service.js';
import { renderData, renderHeader, STATUS } from './summary.js';

/** /dangky: walk the registration form, review it with the rule checks, then submit or save. */
const M = {
  title: { vi: 'đăng ký thi đua', en: 'emulation registration' },
  intro: {
    vi: 'Đăng ký thi đua năm {year} của {unit}: {n} mục. Trả lời từng câu; "◀ Quay lại" để lùi, /huy để dừng (câu trả lời được lưu sau mỗi bước).',
    en: 'Emulation registration {year} of {unit}: {n} items. Answer each question; "◀ Back" to go back, /cancel to stop (answers are saved after every step).',
  },
  editing: { vi: 'Đang sửa đăng ký hiện có (trạng thái: {status}, phiên bản {version}). Các câu trả lời cũ được điền sẵn.', en: 'Editing the existing registration (status: {status}, version {version}). Earlier answers are prefilled.' },
  returned: { vi: '↩️ Đăng ký đã bị trả lại. Ý kiến: {comment}', en: '↩️ The registration was returned. Comment: {comment}' },
  lastYear: { vi: 'Câu trả lời được điền sẵn từ đăng ký năm {year}; bấm "Giữ nguyên" để dùng lại.', en: 'Answers are prefilled from the {year} registration; press "Keep" to reuse them.' },
  resumed: { vi: 'Tiếp tục bản đang soạn dở (lưu lúc {at}).', en: 'Resuming your unfinished answers (saved {at}).' },
  locked: { vi: '🔒 Đã qua hạn đăng ký năm {year} ({due}). Mọi thay đổi bây giờ là điều chỉnh và cần ghi rõ lý do.', en: '🔒 The {year} registration deadline ({due}) has passed. Any change now is an amendment and needs a reason.' },
  badYear: { vi: 'Năm "{year}" không hợp lệ. Ví dụ: /dangky 2027', en: 'The year "{year}" is not valid. Example: /register 2027' },
  usage: {
    vi: 'Cách dùng: /dangky [năm] — đăng ký hoặc sửa; /dangky xem [năm] — xem và duyệt; /dangky lichsu [năm] — lịch sử. Không hiểu "{word}".',
    en: 'Usage: /register [year] — register or edit; /register view [year] — view and approve; /register history [year] — history. Did not understand "{word}".',
  },
  cannotEdit: { vi: 'Bạn không có quyền sửa đăng ký của {unit}. Chỉ cán bộ đầu mối và thủ trưởng đơn vị mới sửa được; gõ /dangky xem để xem.', en: 'You may not edit the registration of {unit}. Only its focal officers and head can; type /register view to see it.' },
  review: { vi: 'Kiểm tra theo quy định:', en: 'Rule checks:' },
  blocked: { vi: 'Cần sửa các lỗi ❌ trước khi gửi (bấm "Sửa một mục"). Bạn vẫn có thể lưu nháp.', en: 'Fix the ❌ errors before submitting (press "Edit one item"). You can still save a draft.' },
  blockedLocked: { vi: 'Cần sửa các lỗi ❌ trước khi gửi điều chỉnh (bấm "Sửa một mục").', en: 'Fix the ❌ errors before submitting the amendment (press "Edit one item").' },
  submit: { vi: '📨 Gửi đăng ký', en: '📨 Submit' },
  submitAmend: { vi: '📨 Gửi điều chỉnh', en: '📨 Submit amendment' },
  save: { vi: '💾 Lưu nháp', en: '💾 Save draft' },
  edit: { vi: '✏️ Sửa một mục', en: '✏️ Edit one item' },
  reviewHint: { vi: 'Chọn một nút bên dưới (hoặc gõ "gửi", "lưu", "sửa").', en: 'Press a button below (or type "submit", "save", "edit").' },
  pick: { vi: 'Sửa mục nào?', en: 'Which item do you want to change?' },
  askReason: { vi: 'Đã qua hạn đăng ký nên đây là điều chỉnh. Nhập lý do điều chỉnh (một câu ngắn):', en: 'The deadline has passed, so this is an amendment. Type the reason for the change (one short sentence):' },
  reasonTooLong: { vi: 'Lý do quá dài (tối đa 500 ký tự).', en: 'The reason is too long (500 characters at most).' },
  submitted: { vi: '✅ Đã gửi đăng ký thi đua năm {year} của {unit} (phiên bản {version}). Thủ trưởng đơn vị sẽ duyệt. Gõ /dangky xem để xem lại.', en: '✅ Submitted the {year} emulation registration of {unit} (version {version}). The head of unit will approve it. Type /register view to see it.' },
  amended: { vi: '✅ Đã gửi điều chỉnh đăng ký năm {year} (phiên bản {version}), lý do đã được ghi vào lịch sử.', en: '✅ Submitted the {year} amendment (version {version}); the reason is kept in the history.' },
  saved: { vi: '💾 Đã lưu nháp (phiên bản {version}). Gõ /dangky để tiếp tục, /dangky xem để xem.', en: '💾 Draft saved (version {version}). Type /register to continue, /register view to see it.' },
  forbidden: { vi: 'Bạn không còn quyền sửa đăng ký của đơn vị này.', en: 'You may no longer edit this unit’s registration.' },
  stale: {
    vi: 'Trong lúc bạn soạn, đăng ký đã được thay đổi (phiên bản {version}, trạng thái: {status}). Câu trả lời của bạn vẫn được giữ; hãy kiểm tra lại rồi bấm gửi lần nữa.',
    en: 'While you were editing, the registration changed (version {version}, status: {status}). Your answers are kept; check them and press submit again.',
  },
  lockedSave: { vi: 'Đã qua hạn đăng ký nên không lưu nháp được; hãy gửi điều chỉnh kèm lý do.', en: 'The deadline has passed, so drafts cannot be saved; submit an amendment with a reason.' },
  errors: { vi: 'Chưa gửi được vì còn lỗi ❌ theo quy định; hãy sửa rồi gửi lại.', en: 'Not submitted: there are ❌ errors; fix them and submit again.' },
  unchanged: { vi: 'Không có thay đổi nào so với bản đã gửi (phiên bản {version}); không cần gửi lại.', en: 'Nothing changed since the submitted version {version}; no need to resubmit.' },
  statusSave: { vi: 'Đăng ký đã được gửi; để thay đổi, hãy bấm "Gửi đăng ký" (thủ trưởng sẽ duyệt lại).', en: 'The registration is already submitted; to change it, press "Submit" (the head approves again).' },
  formErrors: { vi: 'Biểu mẫu còn {n} mục chưa hợp lệ:\n{list}', en: 'The form has {n} invalid item(s):\n{list}' },
} satisfies Record<string, Msg>;

const stateSchema = z.object({
  mode: z.enum(['form', 'review', 'pick', 'edit', 'reason']),
  ...unitFormSessionFields,
});
type State = z.infer<typeof stateSchema>;

const SUBMIT_WORDS = new Set(['gui', 'gui dang ky', 'submit', 'nop']);

/** `/dangky xem …` shows the registration, `/dangky lichsu …` its history; anything else starts the form. */
const VIEW_WORDS = ['xem', 'view', 'show'];
const HISTORY_WORDS = ['lichsu', 'lich', 'history'];
export const startsRegistrationForm = (args: string) => ![...VIEW_WORDS, ...HISTORY_WORDS].includes(key(args.trim().split(/\s+/)[0] ?? ''));

export function registerFlow(kit: RegisterKit, views: { view(ctx: Ctx, args: string[]): Promise<Reply[]>; history(ctx: Ctx, args: string[]): Promise<Reply[]>; otherYears(ctx: Ctx, unitId: string, year: number, draftsOnly?: boolean): Promise<string[]> }): Flow<State> {
  const unitName = (ctx: Ctx, id: string) => kit.services.units.name(id, ctx.locale);
  const specOf = (ctx: Ctx, s: State, values: FormValues = s.form.values): FormSpec => buildSpec(kit.titles, ctx.locale, s.year, s.initial, values);
  /** The whole form (Slack modal), prefilled with the answers so far. */
  const modalSpec = (ctx: Ctx, s: State): FormSpec => buildSpec(kit.titles, ctx.locale, s.year, { ...s.initial, ...s.form.values });
  const draftKey = (s: State) => Registrations.key(s.unitId, s.year);

  async function autosave(ctx: Ctx, s: State, form: FormState) {
    await kit.drafts.set(draftKey(s), { unitId: s.unitId, year: s.year, values: form.values, index: form.index, by: personKey(ctx.in.platform, ctx.in.userId), at: ctx.now.toISOString() });
  }

  /** Summary, checks with citations and the buttons. */
  function review(ctx: Ctx, s: State, note?: string): Step<State> {
    const data = fromValues(s.form.values, kit.titles);
    const checks = runChecks(data, kit.titles, ctx.locale, kit.docs);
    const invalid = Object.values(crossErrors(kit.titles, s.form.values, ctx.locale));
    const { locked } = lockFor(kit, s.year, ctx.now);
    const blocked = hasErrors(checks) || invalid.length > 0;
    const lines = [renderHeader(unitName(ctx, s.unitId), s.year, ctx.locale), '', renderData(data, kit.titles, ctx.locale), '', ctx.t(M.review), renderChecks(checks, ctx.locale)];
    if (invalid.length) lines.push(...invalid.map((e) => `❌ ${e}`));
    lines.push('', blocked ? ctx.t(locked ? M.blockedLocked : M.blocked) : ctx.t(M.reviewHint));
    const choices: Choice[] = [];
    if (!blocked) choices.push({ label: ctx.t(locked ? M.submitAmend : M.submit), value: flowButton('do', 'submit') });
    if (!locked) choices.push({ label: ctx.t(M.save), value: flowButton('do', 'save') });
    choices.push({ label: ctx.t(M.edit), value: flowButton('do', 'edit') }, { label: ctx.t(COMMON.cancel), value: CANCEL });
    const citations = [...new Set(checks.map((c) => c.citation))];
    return { state: { ...s, mode: 'review', edit: undefined }, replies: [{ text: (note ? note + '\n\n' : '') + lines.join('\n'), choices, citations, personal: true }] };
  }

  /** The officer's confirmation of a saved or submitted version. */
  const confirmation =
    (ctx: Ctx, s: State, mode: 'save' | 'submit'): Confirm =>
    (r) =>
      ctx.t(mode === 'save' ? M.saved : r.history.at(-1)?.action === 'amend' ? M.amended : M.submitted, { year: s.year, unit: unitName(ctx, s.unitId), version: r.version });

  async function finish(ctx: Ctx, s: State, out: Outcome): Promise<Step<State>> {
    if (out.ok) return { done: true, replies: [{ text: out.lines.join('\n'), personal: true, ...(out.choices ? { choices: out.choices } : {}) }] };
    switch (out.why) {
      case 'forbidden':
        return { done: true, replies: [{ text: ctx.t(M.forbidden) }] };
      case 'stale': {
        const next = { ...s, baseVersion: out.reg?.version ?? 0 };
        return review(ctx, next, ctx.t(M.stale, { version: out.reg?.version ?? 0, status: ctx.t(STATUS[out.reg?.status ?? 'missing']) }));
      }
      case 'needs-reason':
        return { state: { ...s, mode: 'reason' }, replies: [{ text: ctx.t(M.askReason), choices: [{ label: ctx.t(COMMON.cancel), value: CANCEL }] }] };
      case 'unchanged':
        await kit.drafts.delete(draftKey(s));
        return { done: true, replies: [{ text: ctx.t(M.unchanged, { version: out.reg?.version ?? 0 }) }] };
      case 'locked':
        return review(ctx, s, ctx.t(M.lockedSave));
      case 'status':
        return review(ctx, s, ctx.t(M.statusSave));
      default:
        return review(ctx, s, ctx.t(M.errors));
    }
  }

  const save = async (ctx: Ctx, s: State, mode: 'save' | 'submit', reason?: string) =>
    finish(ctx, s, await saveRegistration(kit, ctx, { unitId: s.unitId, year: s.year, baseVersion: s.baseVersion }, fromValues(s.form.values, kit.titles), mode, confirmation(ctx, s, mode), reason));

  /** One answer in the step-by-step walk (or while editing one field). */
  async function answer(ctx: Ctx, s: State): Promise<Step<State>> {
    const spec = specOf(ctx, s);
    const at = s.mode === 'edit' ? Math.max(0, spec.fields.findIndex((f) => f.id === s.edit)) : s.form.index;
    const field = spec.fields[at];
    const r = walkForm(spec, { index: at, values: s.form.values, ...(s.form.pending ? { pending: s.form.pending } : {}) }, ctx.in, ctx.locale);
    if (r.kind === 'continue' && !r.accepted) return { state: s, replies: [r.reply] }; // refused: asked again
    if (r.kind === 'continue' && r.state.index === at) {
      // One entry of a list changed: stay on the field.
      const form = { index: s.mode === 'edit' ? s.form.index : at, values: r.state.values, ...(r.state.pending ? { pending: r.state.pending } : {}) };
      const next = { ...s, form };
      await autosave(ctx, next, form);
      return { state: next, replies: [r.reply] };
    }
    const values = r.kind === 'complete' ? r.values : r.state.values;
    const cross = crossErrors(kit.titles, values, ctx.locale)[field.id];
    if (cross) return { state: s, replies: [promptField(specOf(ctx, s, values), { index: at, values: s.form.values }, ctx.locale, `⚠️ ${cross}`)] };
    if (s.mode === 'edit' || r.kind === 'complete') {
      const form = { index: spec.fields.length, values };
      const next = { ...s, form };
      await autosave(ctx, next, form);
      return review(ctx, next);
    }
    const next = { ...s, form: r.state };
    await autosave(ctx, next, r.state);
    return { state: next, replies: [promptField(specOf(ctx, next), r.state, ctx.locale, r.note)] };
  }

  /** A whole form submitted at once (Slack modal). */
  async function wholeForm(ctx: Ctx, s: State, raw: Record<string, unknown>): Promise<Step<State>> {
    const spec = modalSpec(ctx, s);
    const r = validateForm(spec, raw, ctx.locale);
    const errors = r.ok ? crossErrors(kit.titles, r.values, ctx.locale) : r.errors;
    if (Object.keys(errors).length) {
      const list = Object.entries(errors).map(([id, e]) => `• ${spec.fields.find((f) => f.id === id)?.label ?? id}: ${e}`);
      return { state: s, replies: [{ text: ctx.t(M.formErrors, { n: list.length, list: list.join('\n') }), formErrors: errors, personal: true }] };
    }
    const form = { index: spec.fields.length, values: (r as { values: FormValues }).values };
    const next = { ...s, form };
    await autosave(ctx, next, form);
    return review(ctx, next);
  }

  return {
    id: 'register',
    title: M.title,
    state: stateSchema,
    async start(ctx) {
      const args = argWords(ctx);
      const sub = key(args[0] ?? '');
      if (VIEW_WORDS.includes(sub)) return { done: true, replies: await views.view(ctx, args.slice(1)) };
      if (HISTORY_WORDS.includes(sub)) return { done: true, replies: await views.history(ctx, args.slice(sub === 'lich' ? 2 : 1)) };
      const { unitId, year, rest, badYear } = targetOf(kit, ctx, args);
      if (badYear) return { done: true, replies: [{ text: ctx.t(M.badYear, { year: truncate(badYear, 10) }) }] };
      if (rest.length) return { done: true, replies: [{ text: ctx.t(M.usage, { word: truncate(rest.join(' '), 40) }) }] };
      if (!access.canEditUnit(ctx.person, unitId)) return { done: true, replies: [{ text: ctx.t(M.cannotEdit, { unit: unitName(ctx, unitId) }) }] };

      const reg = await kit.regs.get(unitId, year);
      const last = reg ? undefined : await kit.regs.get(unitId, year - 1);
      const source = reg ?? last;
      const initial = source ? toValues(source, kit.titles) : {};
      const draft = await kit.drafts.get(Registrations.key(unitId, year));
      const useDraft = draft && (!reg || draft.at > reg.updatedAt);
      const notes: string[] = [];
      const lock = lockFor(kit, year, ctx.now);
      if (lock.locked && lock.due) notes.push(ctx.t(M.locked, { year, due: showLocal(lock.due, kit.tz) }));
      if (reg) notes.push(ctx.t(M.editing, { status: ctx.t(STATUS[reg.status]), version: reg.version }));
      if (reg?.status === 'returned' && reg.returnComment) notes.push(ctx.t(M.returned, { comment: reg.returnComment }));
      if (last) notes.push(ctx.t(M.lastYear, { year: year - 1 }));
      if (useDraft) notes.push(ctx.t(M.resumed, { at: showLocal(draft.at, kit.tz) }));
      if (!reg && !useDraft) notes.push(...(await views.otherYears(ctx, unitId, year, true)));

      const s: State = { mode: 'form', unitId, year, baseVersion: reg?.version ?? 0, initial, form: { index: 0, values: useDraft ? draft.values : {} } };
      const spec = specOf(ctx, s);
      s.form.index = useDraft ? Math.min(draft.index, spec.fields.length) : 0;
      const intro: Reply = { text: [ctx.t(M.intro, { year, unit: unitName(ctx, unitId), n: spec.fields.length }), ...notes].join('\n'), form: modalSpec(ctx, s), personal: true };
      return firstStep(intro, spec, s, ctx.locale, () => review(ctx, s));
    },

    async onInput(ctx, s) {
      if (!access.canEditUnit(ctx.person, s.unitId)) return { done: true, replies: [{ text: ctx.t(M.forbidden) }] };
      if (ctx.in.form) return wholeForm(ctx, s, ctx.in.form);
      if (s.mode === 'form' || s.mode === 'edit') return answer(ctx, s);
      const act = ctx.in.action;
      const typed = key(ctx.in.text ?? '');
      switch (s.mode) {
        case 'review': {
          if (act === flowButton('do', 'submit') || (!act && SUBMIT_WORDS.has(typed))) return save(ctx, s, 'submit');
          if (act === flowButton('do', 'save') || (!act && SAVE_WORDS.has(typed))) return save(ctx, s, 'save');
          if (act === flowButton('do', 'edit') || (!act && EDIT_WORDS.has(typed))) {
            const spec = specOf(ctx, s);
            return {
              state: { ...s, mode: 'pick' },
              replies: [{ text: ctx.t(M.pick), choices: [...spec.fields.map((f) => ({ label: f.label, value: flowButton('edit', f.id) })), { label: ctx.t(COMMON.cancel), value: CANCEL }] }],
            };
          }
          return review(ctx, s);
        }
        case 'pick': {
          const spec = specOf(ctx, s);
          const typedField = () => {
            const m = matchChoice(spec.fields.map((f) => ({ label: f.label, value: f.id })), ctx.in.text ?? '');
            return m.ok ? spec.fields.find((f) => f.id === m.choice.value) : undefined;
          };
          const edit = flowArgs(act);
          const field = edit?.[0] === 'edit' ? spec.fields.find((f) => f.id === edit[1]) : act ? undefined : typedField();
          if (!field) return { state: s, replies: [{ text: ctx.t(M.pick), choices: spec.fields.map((f) => ({ label: f.label, value: flowButton('edit', f.id) })) }] };
          const i = spec.fields.indexOf(field);
          return { state: { ...s, mode: 'edit', edit: field.id }, replies: [promptField(spec, { index: i, values: s.form.values }, ctx.locale)] };
        }
        case 'reason': {
          const reason = ctx.in.text?.trim() ?? '';
          if (!reason) return { state: s, replies: [{ text: ctx.t(M.askReason) }] };
          if (reason.length > 500) return { state: s, replies: [{ text: ctx.t(M.reasonTooLong) }] };
          return save(ctx, s, 'submit', reason);
        }
      }
    },

    async back(ctx, s) {
      if (s.form.pending && (s.mode === 'form' || s.mode === 'edit')) {
        const spec = specOf(ctx, s);
        const at = s.mode === 'edit' ? Math.max(0, spec.fields.findIndex((f) => f.id === s.edit)) : s.form.index;
        const form = { index: s.form.index, values: s.form.values };
        return { state: { ...s, form }, replies: [promptField(spec, { index: at, values: s.form.values }, ctx.locale)] };
      }
      if (s.mode === 'form') {
        const r = formBack(specOf(ctx, s), s.form, ctx.locale);
        return { state: { ...s, form: r.state }, replies: [r.reply] };
      }
      if (s.mode === 'review') {
        const spec = specOf(ctx, s);
        const form = { index: spec.fields.length - 1, values: s.form.values };
        return { state: { ...s, mode: 'form', form }, replies: [promptField(spec, form, ctx.locale)] };
      }
      return review(ctx, s);
    },

    resume(ctx, s) {
      const spec = specOf(ctx, s);
      switch (s.mode) {
        case 'form':
          return [promptField(spec, s.form, ctx.locale)];
        case 'edit': {
          const at = Math.max(0, spec.fields.findIndex((f) => f.id === s.edit));
          return [promptField(spec, { index: at, values: s.form.values, ...(s.form.pending ? { pending: s.form.pending } : {}) }, ctx.locale)];
        }
        case 'pick':
          return [{ text: ctx.t(M.pick), choices: [...spec.fields.map((f) => ({ label: f.label, value: flowButton('edit', f.id) })), { label: ctx.t(COMMON.cancel), value: CANCEL }] }];
        case 'reason':
          return [{ text: ctx.t(M.askReason), choices: [{ label: ctx.t(COMMON.cancel), value: CANCEL }] }];
        default:
          return review(ctx, s).replies;
      }
    },

    help(ctx, s) {
      const spec = specOf(ctx, s);
      const f = s.mode === 'edit' ? spec.fields.find((x) => x.id === s.edit) : spec.fields[s.form.index];
      return f?.help && (s.mode === 'form' || s.mode === 'edit') ? [{ text: `${f.label}\n${f.help}` }] : [];
    },
  };
}
