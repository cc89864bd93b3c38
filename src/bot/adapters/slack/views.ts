import { z } from 'zod';
import { tr, type Msg } from '../../../text/i18n.js';
import type { FormField, FormSpec, Locale } from '../../types.js';
import { truncate } from '../../../text/truncate.js';
import { escapeMrkdwn, splitSection, type Block } from './blocks.js';

/** A FormSpec as a Slack modal, and a submitted modal back as raw form values. */
export const FORM_CALLBACK = 'thidua_form';
/** The action id of every input; the block id is the field id. */
const INPUT = 'v';
/** The most characters a Slack text input holds, prefilled or typed. */
const INPUT_MAX = 3000;

const M = {
  submit: { vi: 'Gửi', en: 'Submit' },
  close: { vi: 'Đóng', en: 'Close' },
  formTitle: { vi: 'Biểu mẫu', en: 'Form' },
  loading: { vi: '⏳ Đang mở biểu mẫu…', en: '⏳ Opening the form…' },
  noticeTitle: { vi: 'Thông báo', en: 'Notice' },
  noForm: { vi: 'Không có biểu mẫu nào để mở.', en: 'There is no form to open.' },
  tooLong: {
    vi: '*{label}*: nội dung hiện có dài {n} ký tự, quá {max} ký tự mà một ô nhập của Slack chứa được, nên không hiện ở đây và được giữ nguyên khi bạn gửi biểu mẫu. Để sửa mục này, hãy trả lời từng bước trong tin nhắn với bot thay cho biểu mẫu.',
    en: '*{label}*: the current value is {n} characters long, more than the {max} a Slack input holds, so it is not shown here and is kept unchanged when you submit the form. To change it, answer step by step in the chat with the bot instead of the form.',
  },
} satisfies Record<string, Msg>;

/** What the submission needs to reach the same conversation. */
export const formMetaSchema = z.object({ chatId: z.string(), formId: z.string() });
export type FormMeta = z.infer<typeof formMetaSchema>;

const plain = (text: string, max: number) => ({ type: 'plain_text', text: truncate(text, max) || ' ', emoji: true });

/** Option values must be ≤ 150 characters; a longer value is sent as its position ("3"), which the core also accepts. */
const options = (field: FormField) =>
  (field.choices ?? []).slice(0, 100).map((c, i) => ({ text: plain(c.label, 75), value: c.value.length <= 150 ? c.value : String(i + 1) }));

/** A list item shown as one line: text as is, an object as its values joined by "; ". */
const line = (item: unknown) => (item && typeof item === 'object' ? Object.values(item).join('; ') : String(item));

/** The prefill of a text input: a list one item per line; nothing for an empty value. */
function prefill(field: FormField): string | undefined {
  const init = field.initial;
  const text = init === undefined || init === null ? '' : Array.isArray(init) ? init.map(line).join('\n') : String(init);
  return text === '' ? undefined : text;
}

function element(field: FormField): Block {
  const init = field.initial;
  switch (field.kind) {
    case 'choice': {
      const opts = options(field);
      const initial = opts.find((o) => o.value === init);
      return { type: 'static_select', action_id: INPUT, options: opts, ...(initial ? { initial_option: initial } : {}) };
    }
    case 'multi': {
      const opts = options(field);
      const initial = Array.isArray(init) ? opts.filter((o) => init.includes(o.value)) : [];
      return { type: 'multi_static_select', action_id: INPUT, options: opts, ...(initial.length ? { initial_options: initial } : {}) };
    }
    default: {
      const text = prefill(field);
      return { type: 'plain_text_input', action_id: INPUT, ...(field.kind === 'list' ? { multiline: true } : {}), ...(text !== undefined ? { initial_value: text } : {}) };
    }
  }
}

/**
 * One field as a block: an input, or — when its prefill is longer than a Slack input holds — a
 * note saying so. Such a field is not submitted, so the core keeps its value (never a cut one).
 */
function fieldBlock(field: FormField, locale: Locale): Block {
  const text = field.kind === 'choice' || field.kind === 'multi' ? undefined : prefill(field);
  if (text !== undefined && text.length > INPUT_MAX) {
    const note = tr(locale, M.tooLong, { label: escapeMrkdwn(field.label), n: text.length, max: INPUT_MAX });
    return { type: 'section', block_id: field.id, text: { type: 'mrkdwn', text: truncate(note, 3000) } };
  }
  return {
    type: 'input',
    block_id: field.id,
    optional: !!field.optional,
    label: plain(field.label, 2000),
    ...(field.help ? { hint: plain(field.help, 2000) } : {}),
    element: element(field),
  };
}

/** The modal for `views.open`: the reply's text on top, then one block per field, block_id = field id. */
export function formView(spec: FormSpec, meta: FormMeta, locale: Locale, intro?: string) {
  const head = intro?.trim() ? [{ type: 'section', text: { type: 'mrkdwn', text: truncate(escapeMrkdwn(intro.trim()), 3000) } }] : [];
  return {
    type: 'modal' as const,
    callback_id: FORM_CALLBACK,
    private_metadata: JSON.stringify(meta),
    title: plain(spec.title, 24),
    submit: plain(spec.submitLabel ?? tr(locale, M.submit), 24),
    close: plain(tr(locale, M.close), 24),
    blocks: [...head, ...spec.fields.slice(0, 100 - head.length).map((f) => fieldBlock(f, locale))],
  };
}

/** A modal with text only and a close button (no callback: nothing to submit). */
const textView = (title: string, text: string, locale: Locale) => ({
  type: 'modal' as const,
  title: plain(title, 24),
  close: plain(tr(locale, M.close), 24),
  blocks: splitSection(escapeMrkdwn(text.trim())).slice(0, 20).map((piece) => ({ type: 'section', text: { type: 'mrkdwn', text: piece } })),
});

/** Opened from a trigger_id at once, while the core prepares the form; `views.update` replaces it. */
export const loadingView = (locale: Locale) => textView(tr(locale, M.formTitle), tr(locale, M.loading), locale);

/** Replaces the loading view when the answer holds no form after all: the answer's text. */
export const noticeView = (text: string, locale: Locale) => textView(tr(locale, M.noticeTitle), text.trim() || tr(locale, M.noForm), locale);

type InputState = { type?: string; value?: string | number | null; selected_option?: { value: string } | null; selected_options?: { value: string }[] };

/** The values of a submitted modal: text as typed, a choice's value, a multi-choice's values. */
export function readForm(values: Record<string, Record<string, InputState>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    const s = actions?.[INPUT];
    if (!s) continue;
    if (s.type === 'multi_static_select') out[blockId] = (s.selected_options ?? []).map((o) => o.value);
    else if (s.type === 'static_select') out[blockId] = s.selected_option?.value ?? '';
    else out[blockId] = s.value === null || s.value === undefined ? '' : String(s.value);
  }
  return out;
}

export function readMeta(privateMetadata: string | undefined): FormMeta | undefined {
  try {
    const r = formMetaSchema.safeParse(JSON.parse(privateMetadata ?? ''));
    return r.success ? r.data : undefined;
  } catch {
    return undefined;
  }
}

/** Field errors for `response_action: 'errors'`, only for blocks the modal has (Slack rejects others). */
export function modalErrors(errors: Record<string, string>, blockIds: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, msg] of Object.entries(errors)) {
    const target = blockIds.includes(id) ? id : blockIds[0];
    if (target && !out[target]) out[target] = truncate(msg, 2000);
  }
  return out;
}
