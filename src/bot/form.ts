import { z } from 'zod';
import { translator, type Msg } from './i18n.js';
import type { Choice, FormField, FormSpec, Incoming, Locale, Reply } from './types.js';
import { truncate } from './truncate.js';
import { key } from '../knowledge/vntext.js';

/**
 * One FormSpec, two ways to fill it: step by step (Telegram, console) with `walkForm`,
 * or all at once (a Slack modal) with `validateForm`. Both parse and validate a field the same way.
 */
const M = {
  step: { vi: '({n}/{total}) {label}', en: '({n}/{total}) {label}' },
  current: { vi: 'Hiện tại: {value} — bấm "Giữ nguyên" hoặc nhập giá trị mới.', en: 'Current: {value} — press "Keep" or enter a new value.' },
  keep: { vi: 'Giữ nguyên', en: 'Keep' },
  skip: { vi: 'Bỏ qua', en: 'Skip' },
  back: { vi: '◀ Quay lại', en: '◀ Back' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  optional: { vi: '(không bắt buộc — gõ "-" để bỏ qua)', en: '(optional — type "-" to skip)' },
  notNumber: { vi: '"{input}" không phải là một số. Hãy nhập một số, ví dụ 12.', en: '"{input}" is not a number. Please enter a number, e.g. 12.' },
  notChoice: { vi: '"{input}" không có trong danh sách. Hãy chọn một nút hoặc gõ số thứ tự.', en: '"{input}" is not one of the options. Press a button or type its number.' },
  required: { vi: 'Mục này là bắt buộc.', en: 'This field is required.' },
  invalid: { vi: 'Giá trị chưa hợp lệ: {reason}', en: 'Invalid value: {reason}' },
  staleButton: { vi: 'Nút này thuộc một bước trước và không còn hiệu lực. Vui lòng trả lời câu hỏi hiện tại.', en: 'That button belongs to an earlier step and is no longer valid. Please answer the current question.' },
  firstStep: { vi: 'Đây đã là bước đầu tiên.', en: 'This is already the first step.' },
  chooseHint: { vi: 'Chọn một mục:', en: 'Choose one:' },
  multiHint: { vi: 'Gõ số thứ tự các mục, cách nhau bởi dấu phẩy (ví dụ 1,3), hoặc "-" nếu không chọn.', en: 'Type the numbers of the items separated by commas (e.g. 1,3), or "-" for none.' },
} satisfies Record<string, Msg>;

export const formStateSchema = z.object({
  index: z.number().int().min(0),
  values: z.record(z.string(), z.unknown()),
});
export type FormState = z.infer<typeof formStateSchema>;

export type FieldResult = { ok: true; value: unknown } | { ok: false; error: string };

const SKIP = new Set(['-', 'bo qua', 'skip', 'khong', 'none']);

function choiceFromText(field: FormField, input: string): Choice | undefined {
  const choices = field.choices ?? [];
  const n = Number(input.trim());
  if (Number.isInteger(n) && n >= 1 && n <= choices.length) return choices[n - 1];
  const k = key(input);
  return choices.find((c) => key(c.label) === k || key(c.value) === k);
}

/** Parses raw text (or a chosen value) for a field and validates it with the field's schema. */
export function parseField(field: FormField, raw: unknown, locale: Locale): FieldResult {
  const t = translator(M, locale);
  let value: unknown = raw;
  const text = typeof raw === 'string' ? raw.trim() : undefined;
  if (text !== undefined) {
    if (text === '' || (field.optional && (text === '-' || SKIP.has(key(text))))) {
      if (field.optional) return { ok: true, value: undefined };
      return { ok: false, error: t('required') };
    }
    if (field.parse) value = field.parse(text);
    else if (field.kind === 'number') {
      const cleaned = text.replace(/\s/g, '').replace(/[.,](?=\d{3}\b)/g, '').replace(',', '.');
      const n = Number(cleaned);
      if (!/^-?\d+(\.\d+)?$/.test(cleaned) || !Number.isFinite(n)) return { ok: false, error: t('notNumber', { input: truncate(text, 40) }) };
      value = n;
    } else if (field.kind === 'choice') {
      const c = choiceFromText(field, text);
      if (!c) return { ok: false, error: t('notChoice', { input: truncate(text, 40) }) };
      value = c.value;
    } else if (field.kind === 'multi') {
      const parts = text.split(/[,;]/).map((s) => s.trim()).filter(Boolean);
      const picked: string[] = [];
      for (const p of parts) {
        const c = choiceFromText(field, p);
        if (!c) return { ok: false, error: t('notChoice', { input: truncate(p, 40) }) };
        if (!picked.includes(c.value)) picked.push(c.value);
      }
      value = picked;
    } else if (field.kind === 'list') {
      value = text.split(/\n|;/).map((s) => s.trim()).filter(Boolean);
    }
  }
  const r = field.schema.safeParse(value);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, error: t('invalid', { reason: r.error.issues[0]?.message ?? '' }) };
}

function display(field: FormField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  if (field.kind === 'choice') return field.choices?.find((c) => c.value === value)?.label ?? String(value);
  if (Array.isArray(value)) {
    // Objects (e.g. targets) as their values "a; b; c", one item after another with " | ".
    if (value.some((v) => v && typeof v === 'object')) return value.map((v) => (v && typeof v === 'object' ? Object.values(v).join('; ') : String(v))).join(' | ');
    return value.map((v) => (typeof v === 'string' ? field.choices?.find((c) => c.value === v)?.label ?? v : String(v))).join('; ');
  }
  return String(value);
}

/** The question for the current field, with its buttons. */
export function promptField(spec: FormSpec, state: FormState, locale: Locale, note?: string): Reply {
  const t = translator(M, locale);
  const field = spec.fields[state.index];
  const lines = [t('step', { n: state.index + 1, total: spec.fields.length, label: field.label })];
  if (field.help) lines.push(field.help);
  const current = state.values[field.id] ?? field.initial;
  const choices: Choice[] = [];
  if (field.kind === 'choice') for (const c of field.choices ?? []) choices.push({ label: c.label, value: `f:${field.id}:${c.value}` });
  if (field.kind === 'multi') {
    lines.push(t('multiHint'));
    (field.choices ?? []).forEach((c, i) => lines.push(`${i + 1}. ${c.label}`));
  }
  if (current !== undefined) {
    lines.push(t('current', { value: display(field, current) }));
    choices.push({ label: t('keep'), value: `f:${field.id}:=` });
  } else if (field.optional) {
    lines.push(t('optional'));
    choices.push({ label: t('skip'), value: `f:${field.id}:-` });
  }
  if (state.index > 0) choices.push({ label: t('back'), value: 'f:back' });
  choices.push({ label: t('cancel'), value: 'f:cancel' });
  return { text: (note ? note + '\n\n' : '') + lines.join('\n'), choices, ...(field.kind === 'number' ? { expects: 'number' as const } : {}) };
}

export type WalkResult =
  | { kind: 'continue'; state: FormState; reply: Reply }
  | { kind: 'complete'; values: Record<string, unknown> };

/** Advances a step-by-step form with one input (text, or a button value `f:field:value`). */
export function walkForm(spec: FormSpec, state: FormState, input: Incoming, locale: Locale): WalkResult {
  const t = translator(M, locale);
  const field = spec.fields[state.index];
  let raw: unknown = input.text ?? '';
  let keep = false;
  if (input.action) {
    const m = /^f:([^:]+):(.*)$/s.exec(input.action);
    if (!m || m[1] !== field.id) return { kind: 'continue', state, reply: promptField(spec, state, locale, t('staleButton')) };
    if (m[2] === '=') keep = true;
    else if (m[2] === '-') raw = '-';
    else {
      const c = field.choices?.find((ch) => ch.value === m[2]);
      if (!c) return { kind: 'continue', state, reply: promptField(spec, state, locale, t('staleButton')) };
      raw = c.value;
    }
  } else if (input.text !== undefined && (field.kind === 'choice' || field.kind === 'multi') && input.text.trim() === '=') keep = true;

  let value: unknown;
  if (keep) value = state.values[field.id] ?? field.initial;
  else {
    const r =
      field.kind === 'choice' && input.action ? (field.schema.safeParse(raw).success ? { ok: true as const, value: raw } : parseField(field, String(raw), locale)) : parseField(field, raw, locale);
    if (!r.ok) return { kind: 'continue', state, reply: promptField(spec, state, locale, `⚠️ ${r.error}`) };
    value = r.value;
  }
  const values = { ...state.values, [field.id]: value };
  const next = { index: state.index + 1, values };
  if (next.index >= spec.fields.length) return { kind: 'complete', values };
  return { kind: 'continue', state: next, reply: promptField(spec, next, locale) };
}

/** One step back. */
export function formBack(spec: FormSpec, state: FormState, locale: Locale): { state: FormState; reply: Reply } {
  if (state.index === 0) return { state, reply: promptField(spec, state, locale, translator(M, locale)('firstStep')) };
  const prev = { ...state, index: state.index - 1 };
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
