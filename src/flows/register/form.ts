import { z } from 'zod';
import { tr, translator, type Msg } from '../../bot/i18n.js';
import { truncate } from '../../bot/truncate.js';
import type { FormField, FormSpec, Locale } from '../../bot/types.js';
import type { Title } from '../../knowledge/titles.js';
import type { Target } from './records.js';
import type { RegistrationData } from './versions.js';

/**
 * The registration as one FormSpec: walked step by step (console, Telegram) or shown whole
 * (Slack modal). Field ids: collective, headcount, n-<individual title id>, targets, movements, notes.
 */
const M = {
  title: { vi: 'Đăng ký thi đua {year}', en: 'Emulation registration {year}' },
  submit: { vi: 'Tiếp tục', en: 'Continue' },
  collective: { vi: 'Danh hiệu tập thể đơn vị đăng ký', en: 'Collective title the unit aims for' },
  collectiveHelp: { vi: 'Chọn một danh hiệu (hoặc gõ tên viết tắt, ví dụ TTLĐXS).', en: 'Pick one title (or type its abbreviation, e.g. TTLĐXS).' },
  none: { vi: 'Không đăng ký danh hiệu tập thể', en: 'No collective title' },
  headcount: { vi: 'Tổng số cán bộ, công chức, viên chức, người lao động của đơn vị', en: 'Total staff of the unit' },
  headcountHelp: { vi: 'Một số nguyên không âm, ví dụ 25.', en: 'A whole number, 0 or more, e.g. 25.' },
  count: { vi: 'Số người đăng ký "{title}"', en: 'Staff aiming for "{title}"' },
  countHelp: { vi: 'Số nguyên từ 0 đến tổng số cán bộ{max}.', en: 'A whole number from 0 up to the total staff{max}.' },
  targets: { vi: 'Chỉ tiêu thi đua của đơn vị', en: 'The unit’s emulation targets' },
  targetsHelp: {
    vi: 'Mỗi chỉ tiêu dạng "nội dung; đơn vị tính; giá trị" — mỗi dòng một chỉ tiêu, hoặc nhiều chỉ tiêu trên một dòng ngăn cách bằng " | ".\nVí dụ: Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12 | Hồ sơ giải quyết đúng hạn; %; 100',
    en: 'Each target as "content; unit of measure; value" — one per line, or several on one line separated by " | ".\nExample: Legal dissemination conferences; conference; 12 | Files handled on time; %; 100',
  },
  movements: { vi: 'Phong trào thi đua đơn vị tham gia', en: 'Emulation movements the unit joins' },
  movementsHelp: { vi: 'Mỗi phong trào một dòng, hoặc ngăn cách bằng dấu chấm phẩy (;).', en: 'One movement per line, or separated by semicolons (;).' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  notInt: { vi: 'số người phải là số nguyên (không có phần lẻ), ví dụ 25', en: 'the number of people must be a whole number, e.g. 25' },
  negative: { vi: 'số người không được là số âm', en: 'the number of people cannot be negative' },
  tooBig: { vi: 'số quá lớn', en: 'the number is too large' },
  overHeadcount: { vi: 'số người đăng ký "{title}" ({count}) không được lớn hơn tổng số cán bộ của đơn vị ({headcount}).', en: '"{title}" ({count}) cannot exceed the unit’s total staff ({headcount}).' },
  noTarget: { vi: 'cần ít nhất một chỉ tiêu', en: 'at least one target is needed' },
  tooMany: { vi: 'tối đa {max} mục', en: 'at most {max} items' },
  badLine: {
    vi: 'dòng {n} "{line}" chưa đúng dạng "nội dung; đơn vị tính; giá trị" (ba phần, ngăn cách bằng dấu chấm phẩy)',
    en: 'line {n} "{line}" is not "content; unit of measure; value" (three parts separated by semicolons)',
  },
  badValue: { vi: 'dòng {n}: giá trị "{value}" phải là một số không âm (ví dụ 12 hoặc 95,5)', en: 'line {n}: the value "{value}" must be a number, 0 or more (e.g. 12 or 95.5)' },
  tooLong: { vi: 'quá dài (tối đa {max} ký tự)', en: 'too long (at most {max} characters)' },
} satisfies Record<string, Msg>;

export type FormValues = Record<string, unknown>;

const LEVEL_RANK = { unit: 0, ministry: 1, state: 2 } as const;

/** Titles a unit can aim for; individual ones from the broadest (LĐTT) up. */
export function registrable(titles: Title[]) {
  const collective = titles.filter((t) => t.kind === 'collective' && t.registrable);
  const individual = titles
    .filter((t) => t.kind === 'individual' && t.registrable)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => LEVEL_RANK[a.t.level] - LEVEL_RANK[b.t.level] || (a.t.rewardMultiple ?? Infinity) - (b.t.rewardMultiple ?? Infinity) || a.i - b.i)
    .map((x) => x.t);
  return { collective, individual };
}

export const countField = (titleId: string) => `n-${titleId}`;

/** "Tập thể lao động xuất sắc (TTLĐXS)": the name, with its acronym when it has one. */
const shortName = (t: Title, locale: Locale) => (locale === 'vi' && /\p{Lu}{2}/u.test(t.abbr[0] ?? '') ? `${t.name.vi} (${t.abbr[0]})` : t.name[locale]);

/** Parses "content; unit; value" items, separated by new lines or " | "; a bad line carries its reason. */
function parseTargets(raw: string, locale: Locale): (Target | { error: string })[] {
  const t = translator(M, locale);
  return raw
    .split(/\r?\n|\|/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((line, i) => {
      const parts = line.split(';').map((s) => s.trim());
      const shown = truncate(line, 60);
      if (parts.length < 3) return { error: t('badLine', { n: i + 1, line: shown }) };
      const valueText = parts.pop()!;
      const unit = parts.pop()!;
      const content = parts.join('; ').trim();
      if (!content || !unit) return { error: t('badLine', { n: i + 1, line: shown }) };
      const cleaned = valueText.replace(/\s|%$/g, '').replace(/\.(?=\d{3}\b)/g, '').replace(',', '.');
      const value = Number(cleaned);
      if (!/^\d+(\.\d+)?$/.test(cleaned) || !Number.isFinite(value)) return { error: t('badValue', { n: i + 1, value: truncate(valueText, 20) }) };
      return { content: truncate(content, 500), unit: truncate(unit, 60), value };
    });
}

function targetsSchema(locale: Locale) {
  const t = translator(M, locale);
  const item = z.union([z.object({ content: z.string().min(1), unit: z.string().min(1), value: z.number().nonnegative() }), z.object({ error: z.string() })]);
  return z
    .array(item)
    .min(1, t('noTarget'))
    .max(50, t('tooMany', { max: 50 }))
    .superRefine((items, ctx) => {
      const bad = items.find((x): x is { error: string } => 'error' in x);
      if (bad) ctx.addIssue({ code: 'custom', message: bad.error });
    })
    .transform((items) => items as Target[]);
}

function countSchema(locale: Locale) {
  const t = translator(M, locale);
  return z.number().int(t('notInt')).min(0, t('negative')).max(1_000_000, t('tooBig'));
}

/** The form, prefilled with `initial`; `values` (answers so far) only tailor the help texts. */
export function buildSpec(titles: Title[], locale: Locale, year: number, initial: FormValues = {}, values: FormValues = {}): FormSpec {
  const t = translator(M, locale);
  const { collective, individual } = registrable(titles);
  const headcount = typeof values.headcount === 'number' ? values.headcount : undefined;
  const collectiveChoices = [...collective.map((c) => ({ label: shortName(c, locale), value: c.id })), { label: t('none'), value: 'none' }];
  const fields: FormField[] = [
    {
      id: 'collective',
      label: t('collective'),
      kind: 'choice',
      help: t('collectiveHelp'),
      choices: collectiveChoices,
      schema: z.enum(collectiveChoices.map((c) => c.value) as [string, ...string[]]),
      initial: initial.collective,
    },
    { id: 'headcount', label: t('headcount'), kind: 'number', help: t('headcountHelp'), schema: countSchema(locale), initial: initial.headcount },
    ...individual.map(
      (ti): FormField => ({
        id: countField(ti.id),
        label: t('count', { title: shortName(ti, locale) }),
        kind: 'number',
        help: t('countHelp', { max: headcount === undefined ? '' : ` (${headcount})` }),
        schema: countSchema(locale),
        initial: initial[countField(ti.id)],
      }),
    ),
    {
      id: 'targets',
      label: t('targets'),
      kind: 'list',
      help: t('targetsHelp'),
      parse: (raw) => parseTargets(raw, locale),
      schema: targetsSchema(locale),
      initial: initial.targets,
    },
    {
      id: 'movements',
      label: t('movements'),
      kind: 'list',
      help: t('movementsHelp'),
      optional: true,
      schema: z.array(z.string().min(1).max(300, t('tooLong', { max: 300 }))).max(20, t('tooMany', { max: 20 })).optional(),
      initial: Array.isArray(initial.movements) && initial.movements.length ? initial.movements : undefined,
    },
    { id: 'notes', label: t('notes'), kind: 'text', optional: true, schema: z.string().max(1000, t('tooLong', { max: 1000 })).optional(), initial: initial.notes || undefined },
  ];
  return { id: 'register', title: t('title', { year }), fields, submitLabel: t('submit') };
}

/** Errors that involve two fields (a count above the headcount), keyed by the field to fix. */
export function crossErrors(titles: Title[], values: FormValues, locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  const headcount = values.headcount;
  if (typeof headcount !== 'number') return errors;
  for (const ti of registrable(titles).individual) {
    const n = values[countField(ti.id)];
    if (typeof n === 'number' && n > headcount)
      errors[countField(ti.id)] = tr(locale, M.overHeadcount, { title: locale === 'vi' ? ti.abbr[0] ?? ti.name.vi : ti.name.en, count: n, headcount });
  }
  return errors;
}

export function toValues(d: RegistrationData, titles: Title[]): FormValues {
  const v: FormValues = { collective: d.collectiveTitle ?? 'none', headcount: d.headcount, targets: d.targets, movements: d.movements, notes: d.notes };
  for (const ti of registrable(titles).individual) v[countField(ti.id)] = d.individual[ti.id] ?? 0;
  return v;
}

export function fromValues(v: FormValues, titles: Title[]): RegistrationData {
  const individual: Record<string, number> = {};
  for (const ti of registrable(titles).individual) individual[ti.id] = Number(v[countField(ti.id)] ?? 0);
  return {
    collectiveTitle: v.collective && v.collective !== 'none' ? String(v.collective) : null,
    headcount: Number(v.headcount ?? 0),
    individual,
    targets: (v.targets as Target[] | undefined) ?? [],
    movements: (v.movements as string[] | undefined) ?? [],
    notes: typeof v.notes === 'string' && v.notes.trim() ? v.notes.trim() : undefined,
  };
}
