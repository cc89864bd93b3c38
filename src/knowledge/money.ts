/**
 * Money in passages is written as a multiple of the base salary and computed when answering, with the base
 * salary in force that day (data/base-salary.yaml): `{{money 1.5}}` → "3.800.000 đồng", `{{base-salary}}` →
 * "2.530.000 đồng/tháng (từ 01/07/2026, Nghị định 161/2026/NĐ-CP)". No amount in đồng is ever written by hand.
 */
import type { Lang } from './analyze.js';
import type { BaseSalary, Docs } from './docs.js';

const TEMPLATE = /\{\{\s*(money\s+([0-9]+(?:[.,][0-9]+)?)|base-salary)\s*\}\}/g;

/** 2530000 → "2.530.000" (vi) / "2,530,000" (en). */
export function formatAmount(n: number, lang: Lang): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',');
}

/** multiple × base salary, rounded up to the next 10,000 đồng (how reward money is paid). */
export function rewardAmount(multiple: number, salary: number): number {
  return Math.ceil(Math.round(multiple * salary) / 10_000) * 10_000;
}

function formatDay(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-');
  return lang === 'vi' ? `${d}/${m}/${y}` : `${Number(d)}/${Number(m)}/${y}`;
}

export interface Rendered {
  text: string;
  /** The base salary the text was computed with, when it has money in it. */
  salary?: BaseSalary;
}

export const hasMoney = (text: string): boolean => text.includes('{{');

/** Replaces the money placeholders of a text for the given day. */
export function renderMoney(text: string, docs: Docs, day: string, lang: Lang): Rendered {
  if (!hasMoney(text)) return { text };
  const salary = docs.baseSalary(day);
  const out = text.replace(TEMPLATE, (_m, _what: string, multiple: string | undefined) => {
    if (!salary) return lang === 'vi' ? '(chưa có mức lương cơ sở trong dữ liệu)' : '(no base salary in the data)';
    if (multiple === undefined) {
      const amount = formatAmount(salary.amount, lang);
      const decree = docs.cite({ doc: salary.doc }, lang);
      return lang === 'vi'
        ? `${amount} đồng/tháng (từ ${formatDay(salary.from, lang)}, ${decree})`
        : `VND ${amount} a month (from ${formatDay(salary.from, lang)}, ${decree})`;
    }
    const amount = formatAmount(rewardAmount(Number(multiple.replace(',', '.')), salary.amount), lang);
    return lang === 'vi' ? `${amount} đồng` : `VND ${amount}`;
  });
  return { text: out, salary };
}
