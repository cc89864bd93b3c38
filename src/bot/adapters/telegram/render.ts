import type { Choice, Reply } from '../../types.js';
import { escapeAngles, splitText } from '../markup.js';

/** Telegram's limit for one message's text (visible characters, counted in UTF-16 units). */
export const MAX_MESSAGE = 4096;
/** A document caption's limit. */
export const MAX_CAPTION = 1024;


/** Escapes a text for parse_mode HTML; `markdown-lite` also turns *bold* into <b>bold</b>. */
export function toHtml(text: string, format: Reply['format'] = 'plain'): string {
  const safe = escapeAngles(text);
  return format === 'markdown-lite' ? safe.replace(/\*([^*\n]+)\*/g, '<b>$1</b>') : safe;
}

/** Splits a text to Telegram's message size (see text.ts). */
export const splitMessage = (text: string, max = MAX_MESSAGE) => splitText(text, max);

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
