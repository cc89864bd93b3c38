import { COMMON } from './messages.js';
import { BACK, CANCEL, flowArgs, flowButton } from './buttons.js';
import { z } from 'zod';
import { tr, type Msg } from '../text/i18n.js';
import { listOf, listPrompt, listStep } from './form-list.js';
import { matchChoice, measureProblem, readNumber, showNumber } from './input.js';
import type { Choice, FormField, FormSpec, Incoming, Locale, Measure, Reply } from './types.js';
import { truncate } from '../text/truncate.js';
import { key } from '../text/vntext.js';

/**
 * One FormSpec, two ways to fill it: step by step (Telegram, console) with `walkForm`,
 * or all at once (a Slack modal) with `validateForm`. Both parse and validate a field the same way.
 * Typed answers are read forgivingly (see input.ts); a refused answer says what was understood
 * and gives an example.
 */
const M = {
  step: { vi: '({n}/{total}) {label}', en: '({n}/{total}) {label}' },
  current: { vi: 'Hiện tại: {value} — bấm "Giữ nguyên" hoặc nhập giá trị mới.', en: 'Current: {value} — press "Keep" or enter a new value.' },
  keep: { vi: 'Giữ nguyên', en: 'Keep' },
  skip: { vi: 'Bỏ qua', en: 'Skip' },
  optional: { vi: '(không bắt buộc — gõ "-" để bỏ qua)', en: '(optional — type "-" to skip)' },
  notNumber: { vi: '"{input}" không phải là một số (không thấy chữ số nào). Hãy nhập bằng chữ số, ví dụ {example}.', en: '"{input}" is not a number (no digits found). Please type it in digits, e.g. {example}.' },
  several: { vi: '"{input}" có nhiều số ({list}) — hãy nhập một số, ví dụ {example}.', en: '"{input}" holds several numbers ({list}) — please enter one, e.g. {example}.' },
  fraction: { vi: 'Đã hiểu là {value} — {what} phải là số nguyên (không có phần lẻ), ví dụ {example}.', en: 'Read as {value} — {what} must be a whole number, e.g. {example}.' },
  negative: { vi: 'Đã hiểu là {value} — {what} không được là số âm, ví dụ {example}.', en: 'Read as {value} — {what} cannot be negative, e.g. {example}.' },
  percent: { vi: 'Đã hiểu là {value}% — ở đây cần {what}, không phải tỷ lệ phần trăm; ví dụ {example}.', en: 'Read as {value}% — this asks for {what}, not a percentage; e.g. {example}.' },
  percentRange: { vi: 'Đã hiểu là {value}% — tỷ lệ phải từ 0 đến 100, ví dụ {example}.', en: 'Read as {value}% — a percentage is from 0 to 100, e.g. {example}.' },
  monthsRange: { vi: 'Đã hiểu là {value} tháng — số tháng trong năm từ 0 đến 12, ví dụ {example}.', en: 'Read as {value} months — a year has 0 to 12 months, e.g. {example}.' },
  notChoice: {
    vi: '"{input}" không khớp với mục nào trong danh sách. Hãy bấm một nút, hoặc gõ số thứ tự, tên (có dấu hay không dấu đều được) hay tên viết tắt — ví dụ {example}.',
    en: '"{input}" matches none of the options. Press a button, or type its number, its name or its abbreviation — e.g. {example}.',
  },
  ambiguous: { vi: '"{input}" khớp với nhiều mục: {list}. Gõ rõ hơn, hoặc gõ số thứ tự.', en: '"{input}" matches several options: {list}. Type more of the name, or its number.' },
  understood: { vi: '✔ Đã ghi nhận: {value}', en: '✔ Understood: {value}' },
  required: { vi: 'Mục này là bắt buộc.', en: 'This field is required.' },
  invalid: { vi: 'Giá trị chưa hợp lệ: {reason}', en: 'Invalid value: {reason}' },
  invalidNumber: { vi: 'Giá trị chưa hợp lệ (đã hiểu là {value}): {reason}', en: 'Invalid value (read as {value}): {reason}' },
  staleButton: { vi: 'Nút này thuộc một bước trước và không còn hiệu lực. Vui lòng trả lời câu hỏi hiện tại.', en: 'That button belongs to an earlier step and is no longer valid. Please answer the current question.' },
  firstStep: { vi: 'Đây đã là bước đầu tiên.', en: 'This is already the first step.' },
  multiHint: { vi: 'Gõ số thứ tự hoặc tên các mục, cách nhau bởi dấu phẩy (ví dụ 1,3), hoặc "-" nếu không chọn.', en: 'Type the numbers or names of the items separated by commas (e.g. 1,3), or "-" for none.' },
} satisfies Record<string, Msg>;

const WHAT: Record<Measure, Msg> = {
  people: { vi: 'số người', en: 'the number of people' },
  count: { vi: 'số lần', en: 'the count' },
  percent: { vi: 'tỷ lệ', en: 'the percentage' },
  months: { vi: 'số tháng', en: 'the number of months' },
  number: { vi: 'giá trị', en: 'the value' },
};
const EXAMPLE: Record<Measure, string> = { people: '25', count: '2', percent: '75', months: '12', number: '12' };

export const pendingSchema = z.object({ field: z.string(), op: z.enum(['add', 'pick', 'item']), n: z.number().int().min(1).optional() });

export const formStateSchema = z.object({
  index: z.number().int().min(0),
  values: z.record(z.string(), z.unknown()),
  /** A one-entry change of a list field in progress (see form-list.ts). */
  pending: pendingSchema.optional(),
});
export type FormState = z.infer<typeof formStateSchema>;

/** A parsed value; `understood` is how a loosely typed answer was read ("25" from "khoảng 25 người"). */
export type FieldResult = { ok: true; value: unknown; understood?: string } | { ok: false; error: string };

const SKIP = new Set(['-', 'bo qua', 'skip', 'khong', 'none']);
/** Words that answer "how many" with none. */
const ZERO = new Set(['khong', 'khong co', 'khong ai', 'chua co', 'none', 'no', 'zero', 'nobody', 'khong nguoi nao']);
const KEEP = new Set(['=', 'giu nguyen', 'keep', 'xong', 'done', 'tiep tuc', 'continue', 'ok']);

/** A typed answer quoted back, cut between whole characters. */
const clip = (s: string, n = 40) => truncate(s, n);

function choiceExample(field: FormField): string {
  if (field.example) return field.example;
  const first = field.choices?.[0];
  return first ? `1 (${first.label})` : '1';
}

/** A choice from typed text, or the error saying why none was taken. */
function readChoice(field: FormField, text: string, locale: Locale): { ok: true; choice: Choice; exact: boolean } | { ok: false; error: string } {
  const m = matchChoice(field.choices ?? [], text);
  if (m.ok) return m;
  if (m.why === 'ambiguous') return { ok: false, error: tr(locale, M.ambiguous, { input: clip(text), list: m.candidates.map((c) => c.label).join('; ') }) };
  return { ok: false, error: tr(locale, M.notChoice, { input: clip(text), example: choiceExample(field) }) };
}

function readNumberField(field: FormField, text: string, locale: Locale): FieldResult {
  const measure = field.measure ?? 'number';
  const example = field.example ?? EXAMPLE[measure];
  if (ZERO.has(key(text))) return { ok: true, value: 0, understood: '0' };
  const r = readNumber(text);
  if (!r.ok && r.why === 'none') return { ok: false, error: tr(locale, M.notNumber, { input: clip(text), example }) };
  if (!r.ok) return { ok: false, error: tr(locale, M.several, { input: clip(text), list: r.values.map((v) => showNumber(v, locale)).join(', '), example }) };
  const value = showNumber(r.value, locale);
  const what = tr(locale, WHAT[measure]);
  const problem = measureProblem(r, field.measure);
  if (problem === 'fraction') return { ok: false, error: tr(locale, M.fraction, { value, what, example }) };
  if (problem === 'negative') return { ok: false, error: tr(locale, M.negative, { value, what, example }) };
  if (problem === 'percent') return { ok: false, error: tr(locale, M.percent, { value, what, example }) };
  if (problem === 'range') return { ok: false, error: tr(locale, measure === 'percent' ? M.percentRange : M.monthsRange, { value, example }) };
  return { ok: true, value: r.value, ...(r.exact ? {} : { understood: value + (r.percent || measure === 'percent' ? '%' : '') }) };
}

/** Parses raw text (or a chosen value) for a field and validates it with the field's schema. */
export function parseField(field: FormField, raw: unknown, locale: Locale): FieldResult {
  let value: unknown = raw;
  let understood: string | undefined;
  const text = typeof raw === 'string' ? raw.normalize('NFC').trim() : undefined;
  if (text !== undefined) {
    if (text === '' || (field.optional && (text === '-' || SKIP.has(key(text))))) {
      if (field.optional) return { ok: true, value: undefined };
      return { ok: false, error: tr(locale, M.required) };
    }
    if (field.parse) value = field.parse(text);
    else if (field.kind === 'number') {
      const r = readNumberField(field, text, locale);
      if (!r.ok) return r;
      value = r.value;
      understood = r.understood;
    } else if (field.kind === 'choice') {
      const c = readChoice(field, text, locale);
      if (!c.ok) return c;
      value = c.choice.value;
      if (!c.exact) understood = c.choice.label;
    } else if (field.kind === 'multi') {
      const parts = text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);
      const picked: string[] = [];
      for (const p of parts) {
        const c = readChoice(field, p, locale);
        if (!c.ok) return c;
        if (!picked.includes(c.choice.value)) picked.push(c.choice.value);
      }
      value = picked;
    } else if (field.kind === 'list') {
      value = text.split(/\n|;/).map((s) => s.trim()).filter(Boolean);
    }
  }
  const r = field.schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data, ...(understood ? { understood } : {}) };
  const reason = r.error.issues[0]?.message ?? '';
  if (field.kind === 'number' && typeof value === 'number') return { ok: false, error: tr(locale, M.invalidNumber, { value: showNumber(value, locale), reason }) };
  return { ok: false, error: tr(locale, M.invalid, { reason }) };
}

function display(field: FormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.kind === 'choice') return field.choices?.find((c) => c.value === value)?.label ?? String(value);
  if (Array.isArray(value)) {
    if (field.item) return value.map((v) => field.item!.show(v)).join(' | ');
    // Objects (e.g. targets) as their values "a; b; c", one item after another with " | ".
    if (value.some((v) => v && typeof v === 'object')) return value.map((v) => (v && typeof v === 'object' ? Object.values(v).join('; ') : String(v))).join(' | ');
    return value.map((v) => (typeof v === 'string' ? field.choices?.find((c) => c.value === v)?.label ?? v : String(v))).join('; ');
  }
  return String(value);
}

/** The question for the current field, with its buttons. */
export function promptField(spec: FormSpec, state: FormState, locale: Locale, note?: string): Reply {
  const field = spec.fields[state.index];
  const lines = [tr(locale, M.step, { n: state.index + 1, total: spec.fields.length, label: field.label })];
  const current = state.values[field.id] ?? field.initial;
  const choices: Choice[] = [];
  const pending = state.pending?.field === field.id ? state.pending : undefined;
  if (field.item) {
    const p = listPrompt(field, current, pending, locale);
    if (!pending && !p.keep && field.help) lines.push(field.help);
    lines.push(...p.lines);
    choices.push(...p.choices);
    if (!pending && !p.keep && field.optional) {
      lines.push(tr(locale, M.optional));
      choices.push({ label: tr(locale, M.skip), value: flowButton(field.id, '-') });
    }
    if (pending) {
      choices.push({ label: tr(locale, COMMON.cancel), value: CANCEL });
      return { text: (note ? note + '\n\n' : '') + lines.join('\n'), choices };
    }
  } else {
    if (field.help) lines.push(field.help);
    if (field.kind === 'choice') for (const c of field.choices ?? []) choices.push({ label: c.label, value: flowButton(field.id, c.value) });
    if (field.kind === 'multi') {
      lines.push(tr(locale, M.multiHint));
      (field.choices ?? []).forEach((c, i) => lines.push(`${i + 1}. ${c.label}`));
    }
    if (current !== undefined) {
      lines.push(tr(locale, M.current, { value: display(field, current) }));
      choices.push({ label: tr(locale, M.keep), value: flowButton(field.id, '=') });
    } else if (field.optional) {
      lines.push(tr(locale, M.optional));
      choices.push({ label: tr(locale, M.skip), value: flowButton(field.id, '-') });
    }
  }
  if (state.index > 0) choices.push({ label: tr(locale, COMMON.back), value: BACK });
  choices.push({ label: tr(locale, COMMON.cancel), value: CANCEL });
  return { text: (note ? note + '\n\n' : '') + lines.join('\n'), choices, ...(field.kind === 'number' ? { expects: 'number' as const } : {}) };
}

export type WalkResult =
  /** `accepted`: the input was taken (a list entry changed, or the walk moved on); false when it was refused. */
  | { kind: 'continue'; state: FormState; reply: Reply; accepted: boolean; /** How a loosely typed answer was read, shown above the next question. */ note?: string }
  | { kind: 'complete'; values: Record<string, unknown> };

/** Advances a step-by-step form with one input (text, or a button value `f:field:value`). */
export function walkForm(spec: FormSpec, state: FormState, input: Incoming, locale: Locale): WalkResult {
  const field = spec.fields[state.index];
  const refuse = (note: string): WalkResult => ({ kind: 'continue', state, reply: promptField(spec, state, locale, note), accepted: false });
  const current = state.values[field.id] ?? field.initial;

  if (field.item) {
    const r = listStep(field, current, state.pending, input, locale);
    if (r && !r.ok) return refuse(`⚠️ ${r.error}`);
    if (r) {
      const checked = r.list.length ? field.schema.safeParse(r.list) : { success: true as const };
      if (!checked.success) return refuse(`⚠️ ${tr(locale, M.invalid, { reason: checked.error.issues[0]?.message ?? '' })}`);
      const next: FormState = { index: state.index, values: { ...state.values, [field.id]: r.list }, ...(r.pending ? { pending: r.pending } : {}) };
      return { kind: 'continue', state: next, reply: promptField(spec, next, locale, r.note), accepted: true };
    }
  }

  let raw: unknown = input.text ?? '';
  let keep = false;
  if (input.action) {
    const [fieldId, ...rest] = flowArgs(input.action) ?? [];
    const value = rest.join(':');
    if (fieldId !== field.id || !rest.length) return refuse(tr(locale, M.staleButton));
    if (value === '=') keep = true;
    else if (value === '-') raw = '-';
    else {
      const c = field.choices?.find((ch) => ch.value === value);
      if (!c) return refuse(tr(locale, M.staleButton));
      raw = c.value;
    }
  } else if (input.text !== undefined) {
    const typed = input.text.trim();
    if ((field.kind === 'choice' || field.kind === 'multi') && typed === '=') keep = true;
    if (field.item && listOf(current).length && KEEP.has(key(typed) || typed)) keep = true;
  }

  let value: unknown;
  let understood: string | undefined;
  if (keep) {
    value = current;
    if (value !== undefined) {
      const r = field.schema.safeParse(value);
      if (!r.success) return refuse(`⚠️ ${tr(locale, M.invalid, { reason: r.error.issues[0]?.message ?? '' })}`);
    }
  } else {
    const r =
      field.kind === 'choice' && input.action ? (field.schema.safeParse(raw).success ? { ok: true as const, value: raw } : parseField(field, String(raw), locale)) : parseField(field, raw, locale);
    if (!r.ok) return refuse(`⚠️ ${r.error}`);
    value = r.value;
    understood = r.understood;
  }
  const values = { ...state.values, [field.id]: value };
  const next = { index: state.index + 1, values };
  if (next.index >= spec.fields.length) return { kind: 'complete', values };
  const note = understood ? tr(locale, M.understood, { value: understood }) : undefined;
  return { kind: 'continue', state: next, reply: promptField(spec, next, locale, note), accepted: true, ...(note ? { note } : {}) };
}

/** One step back; inside a one-entry change of a list, back to the list first. */
export function formBack(spec: FormSpec, state: FormState, locale: Locale): { state: FormState; reply: Reply } {
  if (state.pending) {
    const here = { index: state.index, values: state.values };
    return { state: here, reply: promptField(spec, here, locale) };
  }
  if (state.index === 0) return { state, reply: promptField(spec, state, locale, tr(locale, M.firstStep)) };
  const prev = { index: state.index - 1, values: state.values };
  return { state: prev, reply: promptField(spec, prev, locale) };
}

/**
 * Validates a whole submitted form (Slack modal): values, or errors keyed by field id. A field
 * the form did not show (a prefill too long for the platform's input) keeps its prefilled value.
 */
export function validateForm(
  spec: FormSpec,
  raw: Record<string, unknown>,
  locale: Locale,
): { ok: true; values: Record<string, unknown> } | { ok: false; errors: Record<string, string> } {
  const values: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of spec.fields) {
    const v = field.id in raw ? raw[field.id] : field.initial;
    const r = Array.isArray(v) && field.kind === 'multi' ? (field.schema.safeParse(v).success ? { ok: true as const, value: v } : parseField(field, v.join(','), locale)) : parseField(field, v ?? '', locale);
    if (r.ok) values[field.id] = r.value;
    else errors[field.id] = r.error;
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, values };
}

/** Starts walking a form at its first field. */
export function startForm(spec: FormSpec, locale: Locale, values: Record<string, unknown> = {}): { state: FormState; reply: Reply } {
  const state = { index: 0, values };
  return { state, reply: promptField(spec, state, locale) };
}

/** Shows the value of one field for summaries. */
export { display as displayField };
