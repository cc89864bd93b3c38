import { z } from 'zod';
import { CANCEL, button, flowArgs, flowButton } from '../../bot/buttons.js';
import { argWords } from '../shared/args.js';
import { EDIT_WORDS, firstStep, SAVE_WORDS, unitFormSessionFields } from '../shared/records.js';
import { COMMON } from '../../bot/messages.js';
import type { Ctx, Flow, Step } from '../../bot/context.js';
import { decisionFlow, reasonOf, type DecisionState, type RefusalReason } from '../shared/decision.js';
import { formBack, formStateSchema, promptField, validateForm, walkForm, type FormState } from '../../bot/form.js';
import { access, personKey } from '../../bot/people.js';
import { truncate } from '../../text/truncate.js';
import type { Choice, FormField, FormSpec, Reply } from '../../bot/types.js';
import { key } from '../../text/vntext.js';
import { showLocal } from '../../domain/dates.js';
import { acceptReport, showSize } from './attachment.js';
import type { ReviewConfig } from '../../domain/review.js';
import { actorOf, dueOf, reviewAccess, targetOf, type ReviewKit } from './kit.js';
import { M, missingText, num, refusalText, SA_STATUS, sampleLine } from './messages.js';
import { ReviewRecords, reportSchema, type Report, type Score, type SelfAssessment } from './records.js';
import { missingOf, ranking, total } from './scoring.js';
import { configFor, decideSelfAssessment, decisionChoices, isLocked, renderSa, reportLine, saveSelfAssessment, scoreLines, type SaOutcome } from './self-service.js';

/** /binhxet: score each criterion with an evidence note, attach the year-end report, review, send. */

/** "28; note", "9,5 - note", "10 điểm: note" → the score and the note, or what is wrong. */
export function parseScore(raw: string, max: number): { ok: true; score: Score } | { ok: false; error: 'format' | 'note' | 'max' | 'long' } {
  const m = /^\s*(\d{1,4}(?:[.,]\d{1,2})?)\s*(?:điểm|diem|đ|d)?\s*(?:[;|:–—-]\s*([\s\S]*))?$/i.exec(raw.normalize('NFC'));
  if (!m) return { ok: false, error: 'format' };
  const score = Number(m[1].replace(',', '.'));
  const note = (m[2] ?? '').replace(/\s+/g, ' ').trim();
  if (!Number.isFinite(score)) return { ok: false, error: 'format' };
  if (score > max) return { ok: false, error: 'max' };
  if (!note) return { ok: false, error: 'note' };
  if (note.length > 500) return { ok: false, error: 'long' };
  return { ok: true, score: { score, note } };
}

/** The form: one text field per criterion item ("points; note"); values are kept as that text. */
export function buildSpec(cfg: ReviewConfig, ctx: Pick<Ctx, 't' | 'locale'>, initial: Record<string, unknown> = {}): FormSpec {
  const fields: FormField[] = [];
  let code = 0;
  for (const g of cfg.criteria) {
    let sub = 0;
    code++;
    for (const it of g.items) {
      sub++;
      const schema = z.unknown().transform((v, c) => {
        const r = parseScore(String(v ?? ''), it.max);
        if (r.ok) return `${num(r.score.score, 'en')}; ${r.score.note}`;
        const message = r.error === 'max' ? ctx.t(M.saTooHigh, { max: num(it.max, ctx.locale) }) : r.error === 'note' ? ctx.t(M.saNoNote) : r.error === 'long' ? ctx.t(M.saNoteLong) : ctx.t(M.saScoreFormat);
        c.addIssue({ code: 'custom', message });
        return z.NEVER;
      });
      fields.push({
        id: it.id,
        label: ctx.t(M.saField, { code: `${code}.${sub}`, name: it.name[ctx.locale], max: num(it.max, ctx.locale) }),
        kind: 'text',
        schema,
        help: ctx.t(M.saHelp, { evidence: it.evidence[ctx.locale], example: num(it.max, ctx.locale) }),
        ...(initial[it.id] !== undefined ? { initial: initial[it.id] } : {}),
      });
    }
  }
  return { id: 'review-self', title: ctx.t(M.saTitle), fields, submitLabel: ctx.t(M.continue) };
}

/** Form values ("points; note" texts) → scores; unparsable ones are left out. */
export function scoresOf(cfg: ReviewConfig, values: Record<string, unknown>): Record<string, Score> {
  const out: Record<string, Score> = {};
  for (const it of cfg.items) {
    const v = values[it.id];
    if (typeof v !== 'string') continue;
    const r = parseScore(v, it.max);
    if (r.ok) out[it.id] = r.score;
  }
  return out;
}
const valuesOf = (sa: SelfAssessment): Record<string, unknown> => Object.fromEntries(Object.entries(sa.scores).map(([k, s]) => [k, `${num(s.score, 'en')}; ${s.note}`]));

const stateSchema = z.object({
  mode: z.enum(['form', 'report', 'review', 'pick', 'edit']),
  ...unitFormSessionFields,
  report: reportSchema.optional(),
  /** After the report step, go back to the review (not the next field). */
  back: z.enum(['review']).optional(),
});
type State = z.infer<typeof stateSchema>;

const SUBMIT = new Set(['gui', 'gui tu danh gia', 'submit', 'send', 'nop']);
const FILE = new Set(['tep', 'dinh kem', 'dinh kem bao cao', 'file', 'attach', 'bao cao']);
const SKIP = new Set(['-', 'bo qua', 'skip', 'sau', 'de sau', 'later']);

export function howToAttach(ctx: Ctx): string {
  return ctx.t(ctx.in.platform === 'telegram' ? M.howTelegram : ctx.in.platform === 'slack' ? M.howSlack : M.howConsole);
}

export function selfFlow(kit: ReviewKit, views: { view(ctx: Ctx, args: string[]): Promise<Reply[]> }): Flow<State> {
  const unitName = (ctx: Ctx, id: string) => kit.services.units.name(id, ctx.locale);
  const cfgOf = (s: State) => configFor(kit, s.unitId, s.year)!;
  const specOf = (ctx: Ctx, s: State) => buildSpec(cfgOf(s), ctx, s.initial);
  const modalSpec = (ctx: Ctx, s: State) => buildSpec(cfgOf(s), ctx, { ...s.initial, ...s.form.values });

  async function autosave(ctx: Ctx, s: State) {
    await kit.records.drafts.set(ReviewRecords.draftKey(s.year, s.unitId), {
      unitId: s.unitId,
      year: s.year,
      values: s.form.values,
      index: s.form.index,
      ...(s.report ? { report: s.report } : {}),
      by: personKey(ctx.in.platform, ctx.in.userId),
      at: ctx.now.toISOString(),
    });
  }

  function askReport(ctx: Ctx, s: State, note?: string): Step<State> {
    const cfg = cfgOf(s);
    const text = ctx.t(M.askReport, { year: s.year, types: cfg.report.types.map((t) => '.' + t).join(', '), max: num(cfg.report.maxMB, ctx.locale), how: howToAttach(ctx) });
    return { state: { ...s, mode: 'report' }, replies: [{ text: (note ? note + '\n\n' : '') + text, choices: [{ label: ctx.t(M.later), value: flowButton('do', 'later') }, { label: ctx.t(COMMON.cancel), value: CANCEL }] }] };
  }

  function review(ctx: Ctx, s: State, note?: string): Step<State> {
    const cfg = cfgOf(s);
    const scores = scoresOf(cfg, s.form.values);
    const draft = { scores, status: 'draft', report: s.report } as SelfAssessment;
    const { unscored } = missingOf(draft, cfg);
    const lines = [ctx.t(M.saReview), ...scoreLines(scores, cfg, ctx.locale), ctx.t(M.saTotal, { total: num(total(draft, cfg), ctx.locale), max: num(cfg.maxTotal, ctx.locale) })];
    lines.push(ctx.t(M.saReport, { report: s.report ? reportLine(s.report, ctx.locale) : ctx.t(M.saNoReport) }));
    const codes = cfg.items.map((i) => i.id);
    if (unscored.length) lines.push(ctx.t(M.saMissingItems, { n: unscored.length, list: unscored.map((id) => String(codes.indexOf(id) + 1)).join(', ') }));
    const noReport = cfg.report.required && !s.report;
    if (noReport) lines.push(ctx.t(M.saMissingReport));
    const sample = sampleLine(ctx.locale, cfg);
    if (sample) lines.push(sample);
    lines.push('', ctx.t(M.saReviewHint));
    const choices: Choice[] = [];
    if (!unscored.length && !noReport) choices.push({ label: ctx.t(M.saSubmit), value: flowButton('do', 'submit') });
    choices.push({ label: ctx.t(M.saAttach), value: flowButton('do', 'file') }, { label: ctx.t(M.saSave), value: flowButton('do', 'save') }, { label: ctx.t(M.saEdit), value: flowButton('do', 'edit') }, { label: ctx.t(COMMON.cancel), value: CANCEL });
    return { state: { ...s, mode: 'review', edit: undefined }, replies: [{ text: (note ? note + '\n\n' : '') + lines.join('\n'), choices, personal: true }] };
  }

  async function finish(ctx: Ctx, s: State, out: SaOutcome, mode: 'save' | 'submit'): Promise<Step<State>> {
    const cfg = cfgOf(s);
    if (out.ok) {
      if (mode === 'save') return { done: true, replies: [{ text: ctx.t(M.saSaved, { version: out.sa.version }), personal: true }] };
      const text = ctx.t(M.saSubmitted, { year: s.year, unit: unitName(ctx, s.unitId), total: num(total(out.sa, cfg), ctx.locale), max: num(cfg.maxTotal, ctx.locale), version: out.sa.version });
      // A head who sends the unit's self-assessment may approve it at once.
      if (reviewAccess.canApprove(ctx.person, s.unitId) && ctx.person?.role !== 'admin')
        return { done: true, replies: [{ text: [text, ctx.t(M.saSelfApprove)].join('\n'), choices: decisionChoices(out.sa, ctx.locale), personal: true }] };
      return { done: true, replies: [{ text: [text, ...out.notes].join('\n'), personal: true }] };
    }
    switch (out.why) {
      case 'forbidden':
        return { done: true, replies: [{ text: ctx.t(M.saForbidden) }] };
      case 'locked':
        return { done: true, replies: [{ text: ctx.t(M.saLocked, { year: s.year }) }] };
      case 'stale':
        return review(ctx, { ...s, baseVersion: out.sa?.version ?? 0 }, ctx.t(M.saStale, { version: out.sa?.version ?? 0 }));
      case 'unchanged':
        await kit.records.drafts.delete(ReviewRecords.draftKey(s.year, s.unitId));
        return { done: true, replies: [{ text: ctx.t(M.saUnchanged, { version: out.sa?.version ?? 0 }) }] };
      case 'status':
        return review(ctx, s, ctx.t(M.saStatusSave));
      default:
        return review(ctx, s, ctx.t(M.saIncomplete));
    }
  }

  const save = async (ctx: Ctx, s: State, mode: 'save' | 'submit') =>
    finish(
      ctx,
      s,
      await saveSelfAssessment(kit, actorOf(ctx), ctx.locale, { unitId: s.unitId, year: s.year, baseVersion: s.baseVersion }, { scores: scoresOf(cfgOf(s), s.form.values), report: s.report }, mode, ctx.now),
      mode,
    );

  /** A file sent at any step: checked, stored, then the review. */
  async function takeFile(ctx: Ctx, s: State): Promise<Step<State>> {
    const cfg = cfgOf(s);
    const file = ctx.in.file!;
    const r = await acceptReport(kit.records, file, { allowed: cfg.report.types, maxBytes: cfg.report.maxMB * 1024 * 1024, by: personKey(ctx.in.platform, ctx.in.userId), now: ctx.now });
    if (!r.ok) {
      const refused = refusalText(ctx.locale, truncate(file.name, 80), r.refusal);
      return s.mode === 'report' ? askReport(ctx, s, refused) : { state: s, replies: [{ text: refused }] };
    }
    const next = { ...s, report: r.report };
    await autosave(ctx, next);
    const kept = ctx.t(M.reportKept, { name: r.report.name, size: showSize(r.report.size, ctx.locale), hash: r.report.sha256.slice(0, 12) });
    if (s.mode === 'form' || s.mode === 'edit') return { state: next, replies: [{ text: kept }, promptField(specOf(ctx, next), { index: s.mode === 'edit' ? Math.max(0, specOf(ctx, s).fields.findIndex((f) => f.id === s.edit)) : s.form.index, values: s.form.values }, ctx.locale)] };
    return review(ctx, next, kept);
  }

  async function answer(ctx: Ctx, s: State): Promise<Step<State>> {
    const spec = specOf(ctx, s);
    const at = s.mode === 'edit' ? Math.max(0, spec.fields.findIndex((f) => f.id === s.edit)) : s.form.index;
    const r = walkForm(spec, { index: at, values: s.form.values }, ctx.in, ctx.locale);
    if (r.kind === 'continue' && r.state.index === at) return { state: s, replies: [r.reply] };
    const values = r.kind === 'complete' ? r.values : r.state.values;
    if (s.mode === 'edit' || r.kind === 'complete') {
      const next = { ...s, form: { index: spec.fields.length, values } };
      await autosave(ctx, next);
      return s.mode === 'edit' || s.report ? review(ctx, next) : askReport(ctx, next);
    }
    const next = { ...s, form: r.state };
    await autosave(ctx, next);
    return { state: next, replies: [promptField(spec, r.state, ctx.locale)] };
  }

  async function wholeForm(ctx: Ctx, s: State, raw: Record<string, unknown>): Promise<Step<State>> {
    const spec = modalSpec(ctx, s);
    const r = validateForm(spec, raw, ctx.locale);
    if (!r.ok) {
      const list = Object.entries(r.errors).map(([id, e]) => `• ${spec.fields.find((f) => f.id === id)?.label ?? id}: ${e}`);
      return { state: s, replies: [{ text: ctx.t(M.formErrors, { n: list.length, list: list.join('\n') }), formErrors: r.errors, personal: true }] };
    }
    const next = { ...s, form: { index: spec.fields.length, values: r.values } };
    await autosave(ctx, next);
    return s.report ? review(ctx, next) : askReport(ctx, next);
  }

  return {
    id: 'review-self',
    title: M.saTitle,
    state: stateSchema,
    async start(ctx) {
      const args = argWords(ctx);
      const { unitId, year, rest, badYear } = targetOf(kit, ctx, args);
      if (badYear) return { done: true, replies: [{ text: ctx.t(M.badYear, { year: truncate(badYear, 10) }) }] };
      if (rest.length) return { done: true, replies: [{ text: ctx.t(M.usageReview, { word: truncate(rest.join(' '), 40) }) }] };
      const cfg = configFor(kit, unitId, year);
      const clusterId = kit.services.units.get(unitId)?.clusterId ?? '';
      if (!cfg) return { done: true, replies: [{ text: ctx.t(M.noConfig, { year, cluster: unitName(ctx, clusterId), clusterId }) }] };
      if (!reviewAccess.canEdit(ctx.person, unitId)) return { done: true, replies: [{ text: ctx.t(M.cannotEdit, { unit: unitName(ctx, unitId) }) }] };
      if (await isLocked(kit, clusterId, year)) return { done: true, replies: [{ text: ctx.t(M.saLocked, { year }) }, ...(await views.view(ctx, [unitId, String(year)]))] };

      const sa = await kit.records.getSa(year, unitId);
      const draft = await kit.records.drafts.get(ReviewRecords.draftKey(year, unitId));
      const useDraft = draft && (!sa || draft.at > sa.updatedAt);
      const notes: string[] = [];
      const due = dueOf(cfg, kit.tz);
      if (ctx.now > due) notes.push(ctx.t(M.saLate, { due: showLocal(due, kit.tz) }));
      if (sa) notes.push(ctx.t(M.saEditing, { status: ctx.t(SA_STATUS[sa.status]), version: sa.version }));
      if (sa?.status === 'returned' && sa.returnComment) notes.push(ctx.t(M.saReturned, { comment: sa.returnComment }));
      if (useDraft) notes.push(ctx.t(M.saResumed, { at: showLocal(draft.at, kit.tz) }));
      const sample = sampleLine(ctx.locale, cfg);
      if (sample) notes.push(sample);

      const initial = sa ? valuesOf(sa) : {};
      const s: State = {
        mode: 'form',
        unitId,
        year,
        baseVersion: sa?.version ?? 0,
        initial,
        form: { index: 0, values: useDraft ? draft.values : {} },
        ...((useDraft ? draft.report : sa?.report) ? { report: (useDraft ? draft.report : sa?.report) as Report } : {}),
      };
      const spec = specOf(ctx, s);
      s.form.index = useDraft ? Math.min(draft.index, spec.fields.length) : 0;
      const intro: Reply = {
        text: [ctx.t(M.saIntro, { year, unit: unitName(ctx, unitId), n: spec.fields.length, max: num(cfg.maxTotal, ctx.locale), due: showLocal(due, kit.tz) }), ...notes].join('\n'),
        form: modalSpec(ctx, s),
        personal: true,
      };
      return firstStep(intro, spec, s, ctx.locale, () => (s.report ? review(ctx, s) : askReport(ctx, s)));
    },

    async onInput(ctx, s) {
      if (!reviewAccess.canEdit(ctx.person, s.unitId)) return { done: true, replies: [{ text: ctx.t(M.saForbidden) }] };
      if (ctx.in.form) return wholeForm(ctx, s, ctx.in.form);
      if (ctx.in.file) return takeFile(ctx, s);
      if (s.mode === 'form' || s.mode === 'edit') return answer(ctx, s);
      const act = ctx.in.action;
      const typed = key(ctx.in.text ?? '');
      switch (s.mode) {
        case 'report':
          if (act === flowButton('do', 'later') || (!act && (SKIP.has(typed) || ctx.in.text?.trim() === '-'))) return review(ctx, s);
          return askReport(ctx, s, ctx.t(M.expectFile, { how: howToAttach(ctx) }));
        case 'review': {
          if (act === flowButton('do', 'submit') || (!act && SUBMIT.has(typed))) return save(ctx, s, 'submit');
          if (act === flowButton('do', 'save') || (!act && SAVE_WORDS.has(typed))) return save(ctx, s, 'save');
          if (act === flowButton('do', 'file') || (!act && FILE.has(typed))) return askReport(ctx, s);
          if (act === flowButton('do', 'edit') || (!act && EDIT_WORDS.has(typed))) {
            const spec = specOf(ctx, s);
            return { state: { ...s, mode: 'pick' }, replies: [{ text: ctx.t(M.saPick), choices: [...spec.fields.map((f) => ({ label: truncate(f.label, 60), value: flowButton('edit', f.id) })), { label: ctx.t(COMMON.cancel), value: CANCEL }] }] };
          }
          return review(ctx, s);
        }
        case 'pick': {
          const spec = specOf(ctx, s);
          const n = Number(ctx.in.text?.trim());
          const edit = flowArgs(act);
          const field = edit?.[0] === 'edit' ? spec.fields.find((f) => f.id === edit[1]) : Number.isInteger(n) && n >= 1 ? spec.fields[n - 1] : spec.fields.find((f) => f.id === typed);
          if (!field) return { state: s, replies: [{ text: ctx.t(M.saPick), choices: spec.fields.map((f) => ({ label: truncate(f.label, 60), value: flowButton('edit', f.id) })) }] };
          const i = spec.fields.indexOf(field);
          return { state: { ...s, mode: 'edit', edit: field.id }, replies: [promptField(spec, { index: i, values: s.form.values }, ctx.locale)] };
        }
      }
    },

    async back(ctx, s) {
      const spec = specOf(ctx, s);
      if (s.mode === 'form') {
        const r = formBack(spec, s.form, ctx.locale);
        return { state: { ...s, form: r.state }, replies: [r.reply] };
      }
      if (s.mode === 'report' || s.mode === 'review') {
        const form: FormState = { index: spec.fields.length - 1, values: s.form.values };
        return { state: { ...s, mode: 'form', form }, replies: [promptField(spec, form, ctx.locale)] };
      }
      return review(ctx, s);
    },

    help(ctx, s) {
      const spec = specOf(ctx, s);
      const f = s.mode === 'edit' ? spec.fields.find((x) => x.id === s.edit) : spec.fields[s.form.index];
      return f?.help && (s.mode === 'form' || s.mode === 'edit') ? [{ text: `${f.label}\n${f.help}` }] : [];
    },
  };
}

/** /binhxet xem [unit] [year]: the self-assessment, with the approve / return buttons for the head. */
export function selfViews(kit: ReviewKit) {
  const unitName = (ctx: Ctx, id: string) => kit.services.units.name(id, ctx.locale);
  async function view(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const { unitId, year } = targetOf(kit, ctx, args);
    if (!access.canViewUnit(ctx.person, unitId, kit.services.units)) return [{ text: ctx.t(M.cannotView, { unit: unitName(ctx, unitId) }) }];
    const cfg = configFor(kit, unitId, year);
    const clusterId = kit.services.units.get(unitId)?.clusterId ?? '';
    if (!cfg) return [{ text: ctx.t(M.noConfig, { year, cluster: unitName(ctx, clusterId), clusterId }) }];
    const sa = await kit.records.getSa(year, unitId);
    if (!sa) {
      const draft = await kit.records.drafts.get(ReviewRecords.draftKey(year, unitId));
      const lines = [ctx.t(M.saNone, { unit: unitName(ctx, unitId), year })];
      if (draft) lines.push(ctx.t(M.saWip, { n: Object.keys(draft.values).length, at: showLocal(draft.at, kit.tz) }));
      return [{ text: lines.join('\n'), personal: true }];
    }
    const lines = [renderSa(sa, cfg, unitName(ctx, unitId), ctx.locale, kit.tz)];
    const canDecide = sa.status === 'submitted' && reviewAccess.canApprove(ctx.person, unitId);
    if (canDecide) lines.push('', ctx.t(M.saAwaiting));
    return [{ text: lines.join('\n'), personal: true, ...(canDecide ? { choices: decisionChoices(sa, ctx.locale) } : {}) }];
  }

  /** /binhxet xephang: the cluster's units by score, with what each is missing. */
  async function rank(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const { clusterId, year } = targetOf(kit, ctx, args);
    if (!reviewAccess.canManage(ctx.person, clusterId, kit.services.units)) return [{ text: ctx.t(M.rankNotAllowed) }];
    const cfg = kit.reviews.get(clusterId, year);
    if (!cfg) return [{ text: ctx.t(M.noConfig, { year, cluster: unitName(ctx, clusterId), clusterId }) }];
    const rows = ranking(cfg, kit.services.units, await kit.records.listSa(year));
    const sent = rows.filter((r) => r.rank !== undefined).length;
    const lines = [ctx.t(M.rankTitle, { year, cluster: unitName(ctx, clusterId), sent, n: rows.length })];
    for (const r of rows) {
      const status = ctx.t(SA_STATUS[r.status]);
      lines.push(
        r.rank !== undefined
          ? ctx.t(M.rankRow, { place: r.rank, unit: unitName(ctx, r.unitId), score: `${num(r.score ?? 0, ctx.locale)}/${num(cfg.maxTotal, ctx.locale)}`, status })
          : ctx.t(M.rankNone, { unit: unitName(ctx, r.unitId), status: r.score !== null ? `${status}, ${ctx.t(M.points, { n: num(r.score, ctx.locale) })}` : status }),
      );
      const missing = r.missing.filter((m) => m !== 'not-started' || r.rank !== undefined);
      if (r.missing.length && !(r.missing.length === 1 && r.missing[0] === 'not-started')) lines.push(ctx.t(M.rankMissing, { list: missingText(ctx.locale, missing, r.unscored) }));
    }
    const sample = sampleLine(ctx.locale, cfg);
    if (sample) lines.push('', sample);
    return [{ text: lines.join('\n'), personal: true, choices: [{ label: ctx.t(M.rankOpen), value: button('rvo', year) }] }];
  }
  return { view, rank };
}

/** The flow behind the `rvd:` buttons: approve at once, or ask the comment of a return. */
export function saDecisionFlow(kit: ReviewKit): Flow<DecisionState> {
  const unitName = (ctx: Ctx, id: string) => kit.services.units.name(id, ctx.locale);
  const refusal = (ctx: Ctx, s: DecisionState, why: RefusalReason, sa?: SelfAssessment) =>
    ctx.t({ forbidden: M.decForbidden, missing: M.decMissing, stale: M.decStale, status: M.decStatus, locked: M.saLocked }[why], {
      unit: unitName(ctx, s.unitId),
      year: s.year,
      version: sa?.version ?? 0,
      status: ctx.t(SA_STATUS[sa?.status ?? 'none']),
    });
  return decisionFlow({
    id: 'review-decision',
    title: M.decTitle,
    askComment: M.decAsk,
    commentTooLong: M.decLong,
    canApprove: (ctx, unitId) => reviewAccess.canApprove(ctx.person, unitId),
    current: (s) => kit.records.getSa(s.year, s.unitId),
    refusal,
    async decide(ctx, s, decision, comment) {
      const out = await decideSelfAssessment(kit, actorOf(ctx), ctx.locale, s, decision, ctx.now, comment);
      if (!out.ok) return { refused: refusal(ctx, s, reasonOf(out.why), out.sa) };
      const msg = decision === 'approve' ? M.decApproved : M.decReturned;
      return { lines: [ctx.t(msg, { year: s.year, unit: unitName(ctx, s.unitId), version: out.sa.version }), ...out.notes] };
    },
  });
}
