import { tr, type Locale, type Msg } from '../text/i18n.js';
import type { Docs } from './docs.js';
import { titleAbbr, type Criterion, type Title } from '../domain/titles.js';
import { fold } from '../text/vntext.js';

/** Counts the rules are checked on: a registration's, or the figures given in a question. */
export interface RuleInput {
  collectiveTitle: string | null;
  headcount: number;
  /** Title id → how many people (aim at / hold) it. */
  individual: Record<string, number>;
}

/**
 * The rule checks of a set of counts, driven by the `registration` rules of data/titles.yaml:
 * every rule of the collective title aimed for and of each individual title someone aims for.
 * A failed verified rule is an error (blocks submitting); a failed unverified rule is a warning;
 * `guidance` rules are shown as guidance. Nothing here is specific to one title.
 */
export type CheckLevel = 'ok' | 'error' | 'warning' | 'guidance';

export interface Check {
  level: CheckLevel;
  titleId: string;
  criterionId: string;
  text: string;
  citation: string;
}

const M = {
  ratio: { vi: '{title}: cần ít nhất {min}% cán bộ đạt "{field}" — có {count}/{headcount} người = {pct}%.', en: '{title}: needs at least {min}% of staff "{field}" — {count}/{headcount} = {pct}%.' },
  minCount: { vi: '{title}: cần ít nhất {min} người đạt "{field}" — có {count}.', en: '{title}: needs at least {min} "{field}" — {count}.' },
  notMoreThan: { vi: '{title}: số "{field}" ({count}) không được lớn hơn số "{of}" ({ofCount}).', en: '{title}: "{field}" ({count}) may not exceed "{of}" ({ofCount}).' },
  unverified: { vi: '(tiêu chí chưa được xác minh — chỉ để tham khảo, không bắt buộc)', en: '(criterion not verified — for reference only, not enforced)' },
  unverifiedMet: { vi: '(tiêu chí chưa được xác minh — chỉ để tham khảo)', en: '(criterion not verified — for reference only)' },
  hError: { vi: '❌ Lỗi (phải sửa trước khi gửi):', en: '❌ Errors (fix before submitting):' },
  hWarning: { vi: '⚠️ Lưu ý:', en: '⚠️ Warnings:' },
  hGuidance: { vi: 'ℹ️ Hướng dẫn:', en: 'ℹ️ Guidance:' },
  hOk: { vi: '✅ Đạt:', en: '✅ Met:' },
  none: { vi: 'Không có quy tắc nào để kiểm tra với các danh hiệu đã chọn.', en: 'No rules to check for the titles chosen.' },
  source: { vi: 'Căn cứ: {cite}', en: 'Source: {cite}' },
  breach: { vi: '{title}: câu hỏi nêu "{word}", trong khi tiêu chí là: {criterion}', en: '{title}: the question mentions "{word}", while the criterion is: {criterion}' },
} satisfies Record<string, Msg>;

const abbrOf = titleAbbr;

function evaluate(c: Criterion, title: Title, data: RuleInput, titles: Title[], locale: Locale, docs: Docs): Check | undefined {
  const rule = c.registration;
  if (!rule) return undefined;
  const base = { titleId: title.id, criterionId: c.id, citation: docs.cite(c.citation, locale) };
  const name = title.name[locale];
  const failed: CheckLevel = c.verified ? 'error' : 'warning';
  const count = (id: string) => (id === 'headcount' ? data.headcount : data.individual[id] ?? 0);
  let ok: boolean;
  let text: string;
  switch (rule.type) {
    case 'guidance':
      return { ...base, level: 'guidance', text: `${name}: ${c.text[locale]}` };
    case 'ratio': {
      const n = count(rule.field);
      ok = data.headcount > 0 && n / data.headcount >= rule.min - 1e-9;
      const pct = data.headcount > 0 ? Math.round((n / data.headcount) * 1000) / 10 : 0;
      text = tr(locale, M.ratio, { title: name, min: Math.round(rule.min * 100), field: abbrOf(titles, rule.field, locale), count: n, headcount: data.headcount, pct });
      break;
    }
    case 'min_count': {
      const n = count(rule.field);
      ok = n >= rule.min;
      text = tr(locale, M.minCount, { title: name, min: rule.min, field: abbrOf(titles, rule.field, locale), count: n });
      break;
    }
    case 'not_more_than': {
      const n = count(rule.field);
      const of = count(rule.of);
      ok = n <= of;
      text = tr(locale, M.notMoreThan, { title: name, field: abbrOf(titles, rule.field, locale), count: n, of: abbrOf(titles, rule.of, locale), ofCount: of });
      break;
    }
  }
  if (!c.verified) text += ' ' + tr(locale, ok ? M.unverifiedMet : M.unverified);
  return { ...base, level: ok ? 'ok' : failed, text };
}

/** Every check that applies to this registration. */
export function runChecks(data: RuleInput, titles: Title[], locale: Locale, docs: Docs): Check[] {
  const aimed = titles.filter((t) => t.id === data.collectiveTitle || (t.kind === 'individual' && (data.individual[t.id] ?? 0) > 0));
  return aimed.flatMap((t) => t.criteria.map((c) => evaluate(c, t, data, titles, locale, docs)).filter((x): x is Check => !!x));
}

/** Words that negate what follows within a few words ("không ai bị cảnh cáo"), folded. */
const NEGATION = /\b(khong|chua|ko|khg|k|no|not|none|nobody)\b/;

/**
 * The criteria of a title that a question giving figures says, in its own words, are not met (`breachWords`:
 * "1 người bị cảnh cáo"), unless the words are negated just before ("không ai bị cảnh cáo").
 */
export function breachChecks(title: Title, question: string, locale: Locale, docs: Docs): Check[] {
  const words = ` ${fold(question.normalize('NFC')).replace(/[^a-z0-9]+/g, ' ')} `;
  const out: Check[] = [];
  for (const c of title.criteria) {
    const word = (c.breachWords ?? []).find((w) => {
      const at = words.indexOf(` ${fold(w)} `);
      return at >= 0 && !NEGATION.test(words.slice(0, at).trim().split(' ').slice(-6).join(' '));
    });
    if (!word) continue;
    const text = tr(locale, M.breach, { title: title.name[locale], criterion: c.text[locale], word }) + (c.verified ? '' : ` ${tr(locale, M.unverified)}`);
    out.push({ level: c.verified ? 'error' : 'warning', titleId: title.id, criterionId: c.id, text, citation: docs.cite(c.citation, locale) });
  }
  return out;
}

export const hasErrors = (checks: Check[]) => checks.some((c) => c.level === 'error');

/** The checks as text, errors first, each with its citation (`errorHeading`: instead of "fix before submitting"). */
export function renderChecks(checks: Check[], locale: Locale, errorHeading: Msg = M.hError): string {
  if (checks.length === 0) return tr(locale, M.none);
  const heads: Record<CheckLevel, Msg> = { error: errorHeading, warning: M.hWarning, guidance: M.hGuidance, ok: M.hOk };
  const out: string[] = [];
  for (const level of ['error', 'warning', 'guidance', 'ok'] as CheckLevel[]) {
    const these = checks.filter((c) => c.level === level);
    if (!these.length) continue;
    out.push(tr(locale, heads[level]));
    for (const c of these) out.push(`• ${c.text}\n  ${tr(locale, M.source, { cite: c.citation })}`);
  }
  return out.join('\n');
}
