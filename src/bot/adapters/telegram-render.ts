import type { Choice, Reply } from '../types.js';

/** Telegram's limit for one message's text (visible characters, counted in UTF-16 units). */
export const MAX_MESSAGE = 4096;
/** A document caption's limit. */
export const MAX_CAPTION = 1024;

export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Escapes a text for parse_mode HTML; `markdown-lite` also turns *bold* into <b>bold</b>. */
export function toHtml(text: string, format: Reply['format'] = 'plain'): string {
  const safe = escapeHtml(text);
  return format === 'markdown-lite' ? safe.replace(/\*([^*\n]+)\*/g, '<b>$1</b>') : safe;
}

/** Cuts at `max` without splitting a surrogate pair. */
function hardCut(s: string, max: number): number {
  const code = s.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/**
 * Splits a text into parts of at most `max` characters: at paragraph boundaries first, then at
 * line breaks, then at spaces, and only then mid-word.
 */
export function splitText(text: string, max = MAX_MESSAGE): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    for (const sep of ['\n\n', '\n', ' ']) {
      const at = window.lastIndexOf(sep, max);
      if (at > max / 4) {
        cut = at;
        break;
      }
    }
    if (cut < 0) {
      const at = hardCut(rest, max);
      parts.push(rest.slice(0, at));
      rest = rest.slice(at);
    } else {
      parts.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).replace(/^\s+/, '');
    }
  }
  if (rest.length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}

/** Labels this short sit two to a row; a longer one gets its own row. */
const SHORT_LABEL = 20;

/** Lays choices out as rows of inline buttons whose callback data are `data(index)`. */
export function keyboardRows(choices: Choice[], data: (index: number) => string) {
  const rows: { text: string; callback_data: string }[][] = [];
  let row: { text: string; callback_data: string }[] = [];
  choices.forEach((c, i) => {
    const button = { text: c.label, callback_data: data(i) };
    const short = [...c.label].length <= SHORT_LABEL;
    if (!short) {
      if (row.length) rows.push(row);
      rows.push([button]);
      row = [];
      return;
    }
    row.push(button);
    if (row.length === 2) {
      rows.push(row);
      row = [];
    }
  });
  if (row.length) rows.push(row);
  return rows;
}
