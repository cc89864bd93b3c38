import { tr, type Msg } from '../text/i18n.js';
import { flowArgs, flowButton } from './buttons.js';
import { truncate } from '../text/truncate.js';
import type { Choice, FormField, Incoming, ListItem, Locale } from './types.js';
import { key } from '../text/vntext.js';

/**
 * A list field walked step by step: besides typing the whole list, one entry can be added
 * ("thêm: …"), changed ("sửa 2: …") or removed ("xóa 2"), typed or with buttons.
 * The change in progress (add, pick an entry, one entry open) is `Pending`, kept in the form state.
 */
const M = {
  have: { vi: 'Hiện có {n} {noun}:', en: '{n} {noun}(s) so far:' },
  none: { vi: 'Chưa có {noun} nào.', en: 'No {noun} yet.' },
  how: {
    vi: 'Gõ "thêm: {format}" để thêm một {noun}, "sửa 2: {format}" để sửa {noun} số 2, "xóa 2" để xóa; gõ cả danh sách để thay toàn bộ.',
    en: 'Type "add: {format}" to add a {noun}, "edit 2: {format}" to change {noun} 2, "remove 2" to remove it; type a whole list to replace them all.',
  },
  done: { vi: '✔️ Xong — giữ {n} {noun}', en: '✔️ Done — keep {n}' },
  add: { vi: '➕ Thêm {noun}', en: '➕ Add a {noun}' },
  change: { vi: '✏️ Sửa hoặc xóa một {noun}', en: '✏️ Edit or remove a {noun}' },
  toList: { vi: '↩ Về danh sách', en: '↩ Back to the list' },
  askAdd: { vi: 'Nhập {noun} mới (mỗi dòng một {noun}), ví dụ:\n{example}', en: 'Type the new {noun} (one per line), e.g.:\n{example}' },
  askPick: { vi: 'Chọn {noun} cần sửa hoặc xóa:', en: 'Which {noun} do you want to edit or remove?' },
  askItem: { vi: '{noun} số {n}: {item}\nGõ nội dung mới để sửa (cùng dạng, ví dụ: {example}), hoặc bấm "Xóa".', en: '{noun} {n}: {item}\nType the new version to change it (same form, e.g.: {example}), or press "Remove".' },
  remove: { vi: '🗑 Xóa {noun} số {n}', en: '🗑 Remove {noun} {n}' },
  added: { vi: '✔ Đã thêm {noun} số {list}.', en: '✔ Added {noun} no. {list}.' },
  edited: { vi: '✔ Đã sửa {noun} số {n}.', en: '✔ Changed {noun} {n}.' },
  removed: { vi: '✔ Đã xóa {noun} số {list}.', en: '✔ Removed {noun} no. {list}.' },
  cleared: { vi: '✔ Đã xóa hết danh sách.', en: '✔ Cleared the list.' },
  noSuch: { vi: 'Không có {noun} số {n} (hiện có {count}).', en: 'There is no {noun} {n} ({count} so far).' },
  oneLine: { vi: 'Mỗi lần sửa một {noun}: hãy gõ một dòng.', en: 'Change one {noun} at a time: type one line.' },
  line: { vi: 'dòng {n}: {error}', en: 'line {n}: {error}' },
} satisfies Record<string, Msg>;

export interface Pending {
  field: string;
  op: 'add' | 'pick' | 'item';
  n?: number;
}

export type ListStep =
  | { ok: true; list: unknown[]; pending?: Pending; note?: string }
  | { ok: false; error: string };

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
export const listOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const lines = (text: string) => text.split(/\r?\n|\|/).map((s) => s.trim()).filter(Boolean);

const ADD = /^(?:(?:thêm|them|add)\s*:|\+)\s*([\s\S]+)$/iu;
const DEL = /^(?:xóa|xoá|xoa|bỏ|bo|delete|remove)\s+(?:số\s+|so\s+|no\.?\s+)?(\d+(?:\s*(?:,|;|và|va|and)?\s*\d+)*)\s*$/iu;
const EDIT = /^(?:sửa|sua|edit)\s+(?:số\s+|so\s+|no\.?\s+)?(\d+)\s*(?:[:.)–-]\s*([\s\S]+))?$/iu;
const CLEAR = new Set(['xoa het', 'xoa tat ca', 'bo het', 'clear', 'remove all', 'delete all']);
const DELETE_WORDS = new Set(['xoa', 'bo', 'delete', 'remove']);

/** Lines parsed as entries; the first bad one gives the error (numbered when there are several). */
function parseLines(item: ListItem, text: string, locale: Locale): { ok: true; items: unknown[] } | { ok: false; error: string } {
  const all = lines(text);
  const items: unknown[] = [];
  for (const [i, l] of all.entries()) {
    const r = item.parse(l);
    if (!r.ok) return { ok: false, error: all.length > 1 ? tr(locale, M.line, { n: i + 1, error: r.error }) : r.error };
    items.push(r.value);
  }
  return { ok: true, items };
}

/** A one-entry change, or undefined when the input is not one (the whole list, keep, skip, a stale button). */
export function listStep(field: FormField, current: unknown, pendingIn: Pending | undefined, input: Incoming, locale: Locale): ListStep | undefined {
  const item = field.item!;
  const noun = item.noun[locale];
  const list = listOf(current);
  const pending = pendingIn?.field === field.id ? pendingIn : undefined;
  const inRange = (n: number) => n >= 1 && n <= list.length;
  const noSuch = (n: number): ListStep => ({ ok: false, error: tr(locale, M.noSuch, { noun, n, count: list.length }) });
  const open = (op: Pending['op'], n?: number): ListStep => ({ ok: true, list, pending: { field: field.id, op, ...(n ? { n } : {}) } });
  const remove = (ns: number[]): ListStep => {
    const bad = ns.find((n) => !inRange(n));
    if (bad !== undefined) return noSuch(bad);
    return { ok: true, list: list.filter((_, i) => !ns.includes(i + 1)), note: tr(locale, M.removed, { noun, list: [...ns].sort((a, b) => a - b).join(', ') }) };
  };
  const add = (text: string): ListStep => {
    const r = parseLines(item, text, locale);
    if (!r.ok) return r;
    const from = list.length + 1;
    return { ok: true, list: [...list, ...r.items], note: tr(locale, M.added, { noun, list: r.items.map((_, i) => from + i).join(', ') }) };
  };
  const edit = (n: number, text: string): ListStep => {
    if (!inRange(n)) return noSuch(n);
    if (lines(text).length !== 1) return { ok: false, error: tr(locale, M.oneLine, { noun }) };
    const r = item.parse(lines(text)[0]);
    if (!r.ok) return r;
    return { ok: true, list: list.map((x, i) => (i === n - 1 ? r.value : x)), note: tr(locale, M.edited, { noun, n }) };
  };

  if (input.action !== undefined) {
    const [fieldId, verb, n, ...more] = flowArgs(input.action) ?? [];
    if (fieldId !== field.id || more.length) return undefined;
    const number = /^\d+$/.test(n ?? '') ? Number(n) : undefined;
    if (n === undefined && verb === 'add') return open('add');
    if (n === undefined && verb === 'pick') return list.length ? open('pick') : open('add');
    if (n === undefined && verb === 'list') return { ok: true, list };
    if (verb === 'item' && number !== undefined) return inRange(number) ? open('item', number) : noSuch(number);
    if (verb === 'del' && number !== undefined) return remove([number]);
    return undefined;
  }
  const text = (input.text ?? '').normalize('NFC').trim();
  if (!text) return undefined;
  const k = key(text);
  if (pending?.op === 'item' && pending.n) {
    if (DELETE_WORDS.has(k)) return remove([pending.n]);
    if (!DEL.test(text) && !EDIT.test(text) && !ADD.test(text) && !CLEAR.has(k)) return edit(pending.n, text);
  }
  if (pending?.op === 'pick' && /^\d+$/.test(text)) return inRange(Number(text)) ? open('item', Number(text)) : noSuch(Number(text));
  let m: RegExpExecArray | null;
  if ((m = ADD.exec(text))) return add(m[1]);
  if ((m = DEL.exec(text))) return remove([...new Set(m[1].match(/\d+/g)!.map(Number))]);
  if ((m = EDIT.exec(text))) return m[2] ? edit(Number(m[1]), m[2]) : inRange(Number(m[1])) ? open('item', Number(m[1])) : noSuch(Number(m[1]));
  if (CLEAR.has(k)) return { ok: true, list: [], note: tr(locale, M.cleared) };
  if (pending?.op === 'add') return add(text);
  return undefined;
}

/** The list part of a list field's question: the entries, how to change one, and the buttons. */
export function listPrompt(field: FormField, current: unknown, pendingIn: Pending | undefined, locale: Locale): { lines: string[]; choices: Choice[]; keep: boolean } {
  const item = field.item!;
  const noun = item.noun[locale];
  const list = listOf(current);
  const pending = pendingIn?.field === field.id ? pendingIn : undefined;
  const id = field.id;
  const toList = { label: tr(locale, M.toList), value: flowButton(id, 'list') };
  if (pending?.op === 'add') return { lines: [tr(locale, M.askAdd, { noun, example: item.example })], choices: list.length ? [toList] : [], keep: false };
  if (pending?.op === 'pick')
    return {
      lines: [tr(locale, M.askPick, { noun })],
      choices: [...list.map((x, i) => ({ label: `${i + 1}. ${clip(item.show(x), 60)}`, value: flowButton(id, 'item', i + 1) })), toList],
      keep: false,
    };
  if (pending?.op === 'item' && pending.n && pending.n <= list.length)
    return {
      lines: [tr(locale, M.askItem, { noun: upper(noun), n: pending.n, item: item.show(list[pending.n - 1]), example: item.example })],
      choices: [{ label: tr(locale, M.remove, { noun, n: pending.n }), value: flowButton(id, 'del', pending.n) }, toList],
      keep: false,
    };
  if (!list.length) return { lines: current === undefined ? [] : [tr(locale, M.none, { noun })], choices: [], keep: false };
  return {
    lines: [tr(locale, M.have, { n: list.length, noun }), ...list.map((x, i) => `  ${i + 1}. ${item.show(x)}`), tr(locale, M.how, { noun, format: item.format[locale] })],
    choices: [
      { label: tr(locale, M.done, { n: list.length, noun }), value: flowButton(id, '=') },
      { label: tr(locale, M.add, { noun }), value: flowButton(id, 'add') },
      { label: tr(locale, M.change, { noun }), value: flowButton(id, 'pick') },
    ],
    keep: true,
  };
}

const clip = (s: string, max: number) => truncate(s, max);
