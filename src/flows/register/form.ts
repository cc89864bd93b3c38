import { z } from 'zod';
import { tr, type Msg } from '../../text/i18n.js';
import { readNumber, showNumber } from '../../bot/input.js';
import { truncate } from '../../text/truncate.js';
import type { FormField, FormSpec, Locale } from '../../bot/types.js';
import { key } from '../../text/vntext.js';
import { titleAbbr, type Title } from '../../domain/titles.js';
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
  collectiveHelp: {
    vi: 'Bấm một nút, hoặc gõ số thứ tự, tên danh hiệu (có dấu hay không dấu đều được) hay tên viết tắt, ví dụ TTLĐXS.',
    en: 'Press a button, or type its number, its name or its abbreviation, e.g. TTLĐXS.',
  },
  none: { vi: 'Không đăng ký danh hiệu tập thể', en: 'No collective title' },
  headcount: { vi: 'Tổng số cán bộ, công chức, viên chức, người lao động của đơn vị', en: 'Total staff of the unit' },
  headcountHelp: { vi: 'Một số nguyên không âm, ví dụ 25.', en: 'A whole number, 0 or more, e.g. 25.' },
  count: { vi: 'Số người đăng ký "{title}"', en: 'Staff aiming for "{title}"' },
  countHelp: { vi: 'Số nguyên từ 0 đến tổng số cán bộ{max}.', en: 'A whole number from 0 up to the total staff{max}.' },
  targets: { vi: 'Chỉ tiêu thi đua của đơn vị', en: 'The unit’s emulation targets' },
  targetsHelp: {
    vi: 'Mỗi chỉ tiêu dạng "nội dung; đơn vị tính; giá trị" — giá trị là một số, hoặc một cụm từ ngắn cho chỉ tiêu định tính. Mỗi dòng một chỉ tiêu, hoặc nhiều chỉ tiêu trên một dòng ngăn cách bằng " | ".\nVí dụ: Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12 | Thực hiện nhiệm vụ được giao; nhiệm vụ; hoàn thành xuất sắc',
    en: 'Each target as "content; unit of measure; value" — the value is a number, or a short phrase for a qualitative target. One per line, or several on one line separated by " | ".\nExample: Legal dissemination conferences; conference; 12 | Tasks assigned; task; completed with distinction',
  },
  targetExample: { vi: 'Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12', en: 'Legal dissemination conferences; conference; 12' },
  target: { vi: 'chỉ tiêu', en: 'target' },
  targetFormat: { vi: 'nội dung; đơn vị tính; giá trị', en: 'content; unit of measure; value' },
  movementFormat: { vi: 'tên phong trào', en: 'name of the movement' },
  movement: { vi: 'phong trào', en: 'movement' },
  movementExample: { vi: 'Phong trào "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"', en: 'The "civil servants practise office culture" movement' },
  movements: { vi: 'Phong trào thi đua đơn vị tham gia', en: 'Emulation movements the unit joins' },
  movementsHelp: { vi: 'Mỗi phong trào một dòng, hoặc ngăn cách bằng dấu chấm phẩy (;).', en: 'One movement per line, or separated by semicolons (;).' },
  notes: { vi: 'Ghi chú', en: 'Notes' },
  exampleChoice: { vi: '{n} hoặc "{abbr}"', en: '{n} or "{abbr}"' },
  notInt: { vi: 'số người phải là số nguyên (không có phần lẻ), ví dụ 25', en: 'the number of people must be a whole number, e.g. 25' },
  negative: { vi: 'số người không được là số âm', en: 'the number of people cannot be negative' },
  tooBig: { vi: 'số quá lớn', en: 'the number is too large' },
  overHeadcount: { vi: 'số người đăng ký "{title}" ({count}) không được lớn hơn tổng số cán bộ của đơn vị ({headcount}).', en: '"{title}" ({count}) cannot exceed the unit’s total staff ({headcount}).' },
  noTarget: { vi: 'cần ít nhất một chỉ tiêu', en: 'at least one target is needed' },
  tooMany: { vi: 'tối đa {max} mục', en: 'at most {max} items' },
  line: { vi: 'dòng {n}: {error}', en: 'line {n}: {error}' },
  badLine: {
    vi: '"{line}" chưa đúng dạng "nội dung; đơn vị tính; giá trị" (ba phần, ngăn cách bằng dấu chấm phẩy) — {read}. Ví dụ: {example}',
    en: '"{line}" is not "content; unit of measure; value" (three parts separated by semicolons) — {read}. Example: {example}',
  },
  readOne: { vi: 'chỉ đọc được một phần', en: 'only one part was found' },
  readTwo: { vi: 'đọc được hai phần ("{a}" và "{b}"), còn thiếu một phần', en: 'two parts were found ("{a}" and "{b}"), one is missing' },
  readEmpty: { vi: 'nội dung hoặc đơn vị tính đang để trống', en: 'the content or the unit of measure is empty' },
  badValue: { vi: 'giá trị "{value}" là số âm — hãy nhập một số không âm (ví dụ 12 hoặc 95,5) hoặc một cụm từ ngắn như "hoàn thành xuất sắc"', en: 'the value "{value}" is negative — enter a number, 0 or more (e.g. 12 or 95.5), or a short phrase such as "completed with distinction"' },
  longValue: { vi: 'giá trị "{value}" quá dài (tối đa 100 ký tự) — phần giải thích hãy ghi vào nội dung', en: 'the value "{value}" is too long (100 characters at most) — put explanations in the content' },
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

/** A target's value: a number ("12", "95,5", "100%", "12 hội nghị") or a short text for a qualitative target. */
function targetValue(text: string, unit: string): number | string | { negative: true } | { tooLong: true } {
  const t = text.trim();
  const n = readNumber(t);
  if (n.ok) {
    const rest = key(t.replace(/[-−–]?\d+(?:[.,]\d+)*/g, ' ').replace(/%/g, ' '));
    if (!rest || rest === key(unit) || rest === 'phan tram' || rest === 'percent') return n.value < 0 ? { negative: true } : n.value;
  }
  return t.length > 100 ? { tooLong: true } : t;
}

/** One "content; unit; value" line; a bad line says what was read and gives an example. */
export function parseTarget(line: string, locale: Locale): { ok: true; value: Target } | { ok: false; error: string } {
  const parts = line.split(';').map((s) => s.trim());
  const shown = truncate(line, 60);
  const bad = (read: string) => ({ ok: false as const, error: tr(locale, M.badLine, { line: shown, read, example: tr(locale, M.targetExample) }) });
  if (parts.length === 1) return bad(tr(locale, M.readOne));
  if (parts.length === 2) return bad(tr(locale, M.readTwo, { a: truncate(parts[0], 40), b: truncate(parts[1], 40) }));
  const valueText = parts.pop()!;
  const unit = parts.pop()!;
  const content = parts.join('; ').trim();
  if (!content || !unit || !valueText) return bad(tr(locale, M.readEmpty));
  const value = targetValue(valueText, unit);
  if (typeof value === 'object') return { ok: false, error: tr(locale, 'negative' in value ? M.badValue : M.longValue, { value: truncate(valueText, 30) }) };
  return { ok: true, value: { content: truncate(content, 500), unit: truncate(unit, 60), value } };
}

/** A target as it is typed: "content; unit; value". */
export const targetLine = (x: Target, locale: Locale) => `${x.content}; ${x.unit}; ${typeof x.value === 'number' ? showNumber(x.value, locale) : x.value}`;

/** Parses "content; unit; value" items, separated by new lines or " | "; a bad line carries its reason. */
function parseTargets(raw: string, locale: Locale): (Target | { error: string })[] {
  return raw
    .split(/\r?\n|\|/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((line, i) => {
      const r = parseTarget(line, locale);
      return r.ok ? r.value : { error: tr(locale, M.line, { n: i + 1, error: r.error }) };
    });
}

function targetsSchema(locale: Locale) {
  const item = z.union([z.object({ content: z.string().min(1), unit: z.string().min(1), value: z.union([z.number().nonnegative(), z.string().min(1)]) }), z.object({ error: z.string() })]);
  return z
    .array(item)
    .min(1, tr(locale, M.noTarget))
    .max(50, tr(locale, M.tooMany, { max: 50 }))
    .superRefine((items, ctx) => {
      const bad = items.find((x): x is { error: string } => 'error' in x);
      if (bad) ctx.addIssue({ code: 'custom', message: bad.error });
    })
    .transform((items) => items as Target[]);
}

function countSchema(locale: Locale) {
  return z.number().int(tr(locale, M.notInt)).min(0, tr(locale, M.negative)).max(1_000_000, tr(locale, M.tooBig));
}

/** The form, prefilled with `initial`; `values` (answers so far) only tailor the help texts. */
export function buildSpec(titles: Title[], locale: Locale, year: number, initial: FormValues = {}, values: FormValues = {}): FormSpec {
  const { collective, individual } = registrable(titles);
  const headcount = typeof values.headcount === 'number' ? values.headcount : undefined;
  const collectiveChoices = [
    ...collective.map((c) => ({ label: shortName(c, locale), value: c.id, aliases: [c.name.vi, c.name.en, ...c.abbr] })),
    { label: tr(locale, M.none), value: 'none', aliases: ['không', 'không đăng ký', 'none', 'no'] },
  ];
  const sample = collectiveChoices.findIndex((c) => c.value === 'ttldxs');
  const sampleAbbr = collective.find((c) => c.id === 'ttldxs')?.abbr[0];
  const fields: FormField[] = [
    {
      id: 'collective',
      label: tr(locale, M.collective),
      kind: 'choice',
      help: tr(locale, M.collectiveHelp),
      choices: collectiveChoices,
      ...(sample >= 0 && sampleAbbr ? { example: tr(locale, M.exampleChoice, { n: sample + 1, abbr: sampleAbbr }) } : {}),
      schema: z.enum(collectiveChoices.map((c) => c.value) as [string, ...string[]]),
      initial: initial.collective,
    },
    { id: 'headcount', label: tr(locale, M.headcount), kind: 'number', measure: 'people', example: '25', help: tr(locale, M.headcountHelp), schema: countSchema(locale), initial: initial.headcount },
    ...individual.map(
      (ti): FormField => ({
        id: countField(ti.id),
        label: tr(locale, M.count, { title: shortName(ti, locale) }),
        kind: 'number',
        measure: 'people',
        example: '2',
        help: tr(locale, M.countHelp, { max: headcount === undefined ? '' : ` (${headcount})` }),
        schema: countSchema(locale),
        initial: initial[countField(ti.id)],
      }),
    ),
    {
      id: 'targets',
      label: tr(locale, M.targets),
      kind: 'list',
      help: tr(locale, M.targetsHelp),
      parse: (raw) => parseTargets(raw, locale),
      item: { parse: (line) => parseTarget(line, locale), show: (x) => targetLine(x as Target, locale), noun: M.target, format: M.targetFormat, example: tr(locale, M.targetExample) },
      schema: targetsSchema(locale),
      initial: initial.targets,
    },
    {
      id: 'movements',
      label: tr(locale, M.movements),
      kind: 'list',
      help: tr(locale, M.movementsHelp),
      optional: true,
      item: {
        parse: (line) => (line.length <= 300 ? { ok: true, value: line } : { ok: false, error: tr(locale, M.tooLong, { max: 300 }) }),
        show: (x) => String(x),
        noun: M.movement,
        format: M.movementFormat,
        example: tr(locale, M.movementExample),
      },
      schema: z.array(z.string().min(1).max(300, tr(locale, M.tooLong, { max: 300 }))).max(20, tr(locale, M.tooMany, { max: 20 })).optional(),
      initial: Array.isArray(initial.movements) && initial.movements.length ? initial.movements : undefined,
    },
    { id: 'notes', label: tr(locale, M.notes), kind: 'text', optional: true, schema: z.string().max(1000, tr(locale, M.tooLong, { max: 1000 })).optional(), initial: initial.notes || undefined },
  ];
  return { id: 'register', title: tr(locale, M.title, { year }), fields, submitLabel: tr(locale, M.submit) };
}

/** Errors that involve two fields (a count above the headcount), keyed by the field to fix. */
export function crossErrors(titles: Title[], values: FormValues, locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  const headcount = values.headcount;
  if (typeof headcount !== 'number') return errors;
  for (const ti of registrable(titles).individual) {
    const n = values[countField(ti.id)];
    if (typeof n === 'number' && n > headcount)
      errors[countField(ti.id)] = tr(locale, M.overHeadcount, { title: titleAbbr([ti], ti.id, locale), count: n, headcount });
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
