/**
 * Questions that give figures ("Đơn vị em có 20 người, 13 LĐTT, 1 CSTĐCS… có đủ điều kiện TTLĐXS không?")
 * are answered with the computation, not only the rule: the counts are read from the text and checked with
 * the same rules of data/titles.yaml the registration uses (rules.ts), each result with its citation.
 */
import { tr, type Locale, type Msg } from '../text/i18n.js';
import type { Docs } from './docs.js';
import { breachChecks, renderChecks, runChecks, type Check, type RuleInput } from './rules.js';
import type { Title } from '../domain/titles.js';
import { fold } from '../text/vntext.js';

/** Ways a count of people is followed by the title they hold (folded words). */
const TITLE_WORDS: [string, string[]][] = [
  ['ldtt', ['ldtt']],
  ['ldtt', ['lao', 'dong', 'tien', 'tien']],
  ['ldtt', ['cstt']],
  ['ldtt', ['chien', 'si', 'tien', 'tien']],
  ['cstdcs', ['cstdcs']],
  ['cstdcs', ['cstd', 'co', 'so']],
  ['cstdcs', ['chien', 'si', 'thi', 'dua', 'co', 'so']],
  ['cstdcs', ['cstd']],
  ['cstdcs', ['chien', 'si', 'thi', 'dua']],
];
/** Nouns that count the people of a unit ("20 người", "25 cán bộ", "18 công chức"). */
const PEOPLE = new Set(['nguoi', 'can', 'cong', 'vien', 'thanh', 'nhan', 'dong', 'ca', 'cbccvc', 'ccvc', 'cbcc', 'ns', 'nv']);
/** Words allowed between a number and the title it counts ("13 người đạt danh hiệu LĐTT"). */
const BETWEEN = new Set(['nguoi', 'ca', 'nhan', 'dong', 'chi', 'dat', 'duoc', 'la', 'danh', 'hieu', 'can', 'bo', 'cong', 'chuc', 'vien', 'thanh', 'xet', 'de', 'nghi', 'co']);

function titleAt(w: string[], j: number): string | undefined {
  for (const [id, seq] of TITLE_WORDS) if (seq.every((s, k) => w[j + k] === s)) return id;
  return undefined;
}

/** Counts read from a question: headcount and people per individual title, when the text gives them. */
export function readCounts(text: string): { headcount?: number; individual: Record<string, number> } {
  const individual: Record<string, number> = {};
  let headcount: number | undefined;
  // Clauses: a count and its noun never straddle a comma or a full stop.
  for (const clause of fold(text.normalize('NFC')).split(/[,;.!?()\n]+|\s-\s/)) {
    const w = clause.split(/[^a-z0-9%]+/).filter(Boolean);
    for (let i = 0; i < w.length; i++) {
      const pct = /^(\d{1,3})%$/.exec(w[i]);
      if (!/^\d{1,4}$/.test(w[i]) && !pct) continue;
      const n = Number(pct ? pct[1] : w[i]);
      let title: string | undefined;
      let people = false;
      for (let j = i + 1; j < Math.min(w.length, i + 7) && !title; j++) {
        title = titleAt(w, j);
        if (title) break;
        if (PEOPLE.has(w[j])) people = true;
        if (!BETWEEN.has(w[j])) break;
      }
      if (title && !pct) individual[title] = n;
      else if (title && pct && headcount) individual[title] = Math.round((n * headcount) / 100);
      else if (people && !pct && headcount === undefined) headcount = n;
    }
  }
  return { headcount, individual };
}

export interface FiguresResult {
  title: Title;
  checks: Check[];
  text: string;
}

const M = {
  intro: { vi: 'Tính theo số liệu bạn nêu ({counts}) cho danh hiệu "{title}":', en: 'With the figures you gave ({counts}) for "{title}":' },
  people: { vi: '{n} người', en: '{n} people' },
  notMet: { vi: '❌ Chưa đạt:', en: '❌ Not met:' },
  rest: {
    vi: 'Các tiêu chuẩn không tính được từ số liệu (mức hoàn thành nhiệm vụ, phong trào thi đua, nội bộ đoàn kết…) đơn vị cần tự đánh giá; xem đầy đủ bên dưới.',
    en: 'Criteria that figures cannot show (how well tasks were completed, emulation, unity…) are for the unit to assess; see them all below.',
  },
} satisfies Record<string, Msg>;

/**
 * When a question names a collective title that has counted rules and gives the unit's headcount and at least
 * one count of people per title, the checks of those figures; otherwise undefined.
 */
export function figuresFor(question: string, titles: readonly Title[], docs: Docs, locale: Locale): FiguresResult | undefined {
  const counts = readCounts(question);
  if (!counts.headcount || Object.keys(counts.individual).length === 0) return undefined;
  const folded = ` ${fold(question).replace(/[^a-z0-9]+/g, ' ')} `;
  const named = (t: Title) => [t.name.vi, ...t.abbr].some((n) => folded.includes(` ${fold(n).replace(/[^a-z0-9]+/g, ' ').trim()} `));
  const title = titles.find((t) => t.kind === 'collective' && t.criteria.some((c) => c.registration && c.registration.type !== 'guidance') && named(t));
  if (!title) return undefined;
  const input: RuleInput = { collectiveTitle: title.id, headcount: counts.headcount, individual: counts.individual };
  const checks = [...breachChecks(title, question, locale, docs), ...runChecks(input, [...titles], locale, docs)].filter((c) => c.level !== 'guidance');
  if (checks.length === 0) return undefined;
  const abbr = (id: string) => titles.find((t) => t.id === id)?.abbr[0] ?? id;
  const shown = [tr(locale, M.people, { n: counts.headcount }), ...Object.entries(counts.individual).map(([id, n]) => `${n} ${abbr(id)}`)].join(', ');
  const text = [tr(locale, M.intro, { counts: shown, title: title.name[locale] }), renderChecks(checks, locale, M.notMet), tr(locale, M.rest)].join('\n');
  return { title, checks, text };
}
