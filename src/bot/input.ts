import { key } from '../text/vntext.js';
import type { Choice, Measure } from './types.js';

/**
 * Forgiving readers of typed answers: a number out of a sentence ("khoảng 25 người", "75%"),
 * a choice by its number, name (with or without diacritics), abbreviation or a unique prefix.
 * They say what they understood, so a refusal can repeat it.
 */

/** A number token: digits with "." / "," groups; a sign only at the start of a word. */
const NUMBER = /(^|[^\p{L}\p{N}])([-−–]?)(\d+(?:[.,]\d+)*)(\s*(?:%|phần trăm|phan tram|percent\b))?/giu;

export interface NumberToken {
  value: number;
  percent: boolean;
}

/** "1.234,5" → 1234.5; "3,5" → 3.5; "1.200" → 1200; "12.5" → 12.5. A separator before exactly three digits groups thousands. */
function tokenValue(digits: string): number {
  const seps = [...digits.matchAll(/[.,]/g)].map((m) => m.index!);
  if (!seps.length) return Number(digits);
  const last = seps.at(-1)!;
  const mixed = /\./.test(digits) && /,/.test(digits);
  const groups = digits.split(/[.,]/);
  const thousands = (i: number) => groups[i + 1]?.length === 3 && groups[0] !== '0' && groups[0].length <= 3;
  if (mixed) {
    // The last separator is the decimal mark, the others group thousands.
    const int = digits.slice(0, last).replace(/[.,]/g, '');
    return Number(`${int}.${digits.slice(last + 1)}`);
  }
  if (seps.length > 1) return groups.every((g, i) => i === 0 || g.length === 3) ? Number(groups.join('')) : NaN;
  return thousands(0) ? Number(groups.join('')) : Number(`${groups[0]}.${groups[1]}`);
}

/** Every number written in the text, with its sign and a following "%". */
export function numbersIn(text: string): NumberToken[] {
  const out: NumberToken[] = [];
  for (const m of text.normalize('NFC').matchAll(NUMBER)) {
    const v = tokenValue(m[3]);
    if (!Number.isFinite(v)) continue;
    out.push({ value: m[2] ? -v : v, percent: !!m[4] });
  }
  return out;
}

export type NumberRead =
  | { ok: true; value: number; percent: boolean; /** The text was the bare number. */ exact: boolean }
  | { ok: false; why: 'none' }
  | { ok: false; why: 'several'; values: number[] };

/** The one number of an answer such as "20", "khoảng 25 người", "75%", "6 months". */
export function readNumber(text: string): NumberRead {
  const found = numbersIn(text);
  if (!found.length) return { ok: false, why: 'none' };
  const distinct = [...new Set(found.map((f) => f.value))];
  if (distinct.length > 1) return { ok: false, why: 'several', values: distinct };
  const t = text.trim();
  return { ok: true, value: found[0].value, percent: found.some((f) => f.percent), exact: /^[-−–]?\d+(?:[.,]\d+)*$/.test(t) };
}

export type MeasureProblem = 'fraction' | 'negative' | 'percent' | 'range';

/** What a measure allows: whole people and counts, 0–100 %, 0–12 months. */
export function measureProblem(n: { value: number; percent: boolean }, measure: Measure | undefined): MeasureProblem | undefined {
  if (!measure || measure === 'number') return undefined;
  if (n.value < 0) return 'negative';
  if (measure === 'percent') return n.value > 100 ? 'range' : undefined;
  if (n.percent) return 'percent';
  if (measure === 'months') return n.value > 12 ? 'range' : undefined;
  return Number.isInteger(n.value) ? undefined : 'fraction';
}

/** 3.5 → "3,5" in Vietnamese, "3.5" in English. */
export const showNumber = (n: number, locale: 'vi' | 'en') => n.toLocaleString(locale === 'vi' ? 'vi-VN' : 'en-US', { maximumFractionDigits: 6 });

export type ChoiceMatch =
  | { ok: true; choice: Choice; /** Typed as its number, label or value exactly. */ exact: boolean }
  | { ok: false; why: 'none' }
  | { ok: false; why: 'ambiguous'; candidates: Choice[] };

/** The names a choice answers to: label, label without "(…)", what is in brackets, value, aliases. */
function namesOf(c: Choice): string[] {
  const names = [c.label, c.label.replace(/\s*\([^)]*\)/g, ''), ...[...c.label.matchAll(/\(([^)]*)\)/g)].map((m) => m[1]), c.value, ...(c.aliases ?? [])];
  return [...new Set(names.map(key).filter(Boolean))];
}

/** Every word of the input starts a word of the name, in order ("co bo" ~ "co thi dua cua bo"). */
function wordsPrefix(input: string[], name: string[]): boolean {
  let j = 0;
  for (const w of input) {
    while (j < name.length && !name[j].startsWith(w)) j++;
    if (j === name.length) return false;
    j++;
  }
  return true;
}

/** Finds the choice meant by a typed answer; a bare number is its position in the list. */
export function matchChoice(choices: Choice[], input: string): ChoiceMatch {
  const text = input.trim();
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n >= 1 && n <= choices.length) return { ok: true, choice: choices[n - 1], exact: true };
  }
  const k = key(text);
  if (!k) return { ok: false, why: 'none' };
  const named = choices.map((c) => ({ c, names: namesOf(c) }));
  const pick = (test: (name: string) => boolean, exact: boolean): ChoiceMatch | undefined => {
    const hits = named.filter((x) => x.names.some(test)).map((x) => x.c);
    if (hits.length === 1) return { ok: true, choice: hits[0], exact };
    if (hits.length > 1) return { ok: false, why: 'ambiguous', candidates: hits };
    return undefined;
  };
  const isLabel = (c: Choice) => key(c.label) === k;
  const exact = pick((n) => n === k, true);
  if (exact) return exact.ok ? { ...exact, exact: isLabel(exact.choice) } : exact;
  const words = k.split(' ');
  if (k.replace(/ /g, '').length < 2) return { ok: false, why: 'none' };
  return pick((n) => n.startsWith(k), false) ?? pick((n) => wordsPrefix(words, n.split(' ')), false) ?? { ok: false, why: 'none' };
}
