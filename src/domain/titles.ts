import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** Schema of data/titles.yaml: titles and forms of commendation with structured, cited criteria. */
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const citation = z.object({ doc: z.string().min(1), article: z.string().optional(), clause: z.string().optional() });

/** A rule the registration can check from its counts (see flows/register). */
const registrationRule = z.discriminatedUnion('type', [
  /** count(field) / headcount ≥ min (e.g. 70 % of staff Lao động tiên tiến). */
  z.object({ type: z.literal('ratio'), field: z.string(), min: z.number().min(0).max(1) }),
  /** count(field) ≥ min (e.g. at least one CSTĐ cơ sở). */
  z.object({ type: z.literal('min_count'), field: z.string(), min: z.number().int().min(0) }),
  /** count(field) ≤ count(of) (e.g. CSTĐ cơ sở ⊆ Lao động tiên tiến). */
  z.object({ type: z.literal('not_more_than'), field: z.string(), of: z.string() }),
  /** Not checkable from numbers: shown as guidance. */
  z.object({ type: z.literal('guidance') }),
]);

export const criterionSchema = z.object({
  id: z.string().min(1),
  text,
  /** How the criteria checker (/kiemtra) asks it. */
  ask: z.enum(['yesno', 'number']),
  question: text,
  /** For `number`: the least value that meets the criterion. */
  min: z.number().optional(),
  citation,
  /** false when facts.md does not confirm it: shown as unverified, never enforced as law. */
  verified: z.boolean(),
  registration: registrationRule.optional(),
  /**
   * Words that, in a question giving a unit's figures, say the criterion is not met ("1 người bị cảnh cáo" for "no
   * member disciplined at warning level or above"); not when negated ("không ai bị cảnh cáo").
   */
  breachWords: z.array(z.string().min(1)).optional(),
});

export const titleSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  kind: z.enum(['individual', 'collective', 'commendation']),
  /** Applies to individuals or collectives (for forms of commendation). */
  subject: z.enum(['individual', 'collective', 'both']),
  name: text,
  abbr: z.array(z.string()).default([]),
  level: z.enum(['unit', 'ministry', 'state']),
  decidedBy: text,
  citation,
  /** Reward as a multiple of the base salary (NĐ 98/2023 Điều 54), when known. */
  rewardMultiple: z.number().positive().optional(),
  /** Can a unit aim at it in its yearly registration? */
  registrable: z.boolean().default(false),
  criteria: z.array(criterionSchema).default([]),
  notes: text.optional(),
});

export const titlesFileSchema = z.object({ titles: z.array(titleSchema).min(1) });

export type Title = z.infer<typeof titleSchema>;
export type Criterion = z.infer<typeof criterionSchema>;
export type RegistrationRule = z.infer<typeof registrationRule>;

export function parseTitles(source: string): Title[] {
  return titlesFileSchema.parse(parse(source)).titles;
}

export function loadTitles(file: string): Title[] {
  return parseTitles(readFileSync(file, 'utf8'));
}

/** A title as a short label: its usual abbreviation in Vietnamese (TTLĐXS), its name in English; the id when unknown. */
export function titleAbbr(titles: readonly Title[], id: string, locale: 'vi' | 'en'): string {
  const t = titles.find((x) => x.id === id);
  return t ? (locale === 'vi' ? t.abbr[0] ?? t.name.vi : t.name.en) : id;
}
