import { z } from 'zod';
import type { Step } from '../../bot/context.js';
import { formStateSchema, promptField } from '../../bot/form.js';
import type { FormSpec, Reply } from '../../bot/types.js';
import type { Locale } from '../../text/i18n.js';

/**
 * What every record a unit submits and its head approves keeps (a registration, a year-end
 * self-assessment): its version and who last changed it, when it was submitted and approved,
 * and the head's comment when it was returned.
 */
export const approvalFields = {
  version: z.number().int().min(1),
  updatedAt: z.string(),
  updatedBy: z.string(),
  submittedAt: z.string().optional(),
  approvedAt: z.string().optional(),
  approvedBy: z.string().optional(),
  returnComment: z.string().optional(),
};

/** A unit's unfinished answers to a form, saved at every step so nothing is lost. */
export const draftFields = {
  unitId: z.string(),
  year: z.number().int(),
  values: z.record(z.string(), z.unknown()),
  /** The next field to ask (= number of fields when the form is complete). */
  index: z.number().int().min(0),
  by: z.string(),
  at: z.string(),
};

/**
 * The session of a unit's form flow (registration, self-assessment): the unit and year, the
 * version it started from, the prefilled answers, where the walk is, and the field being edited.
 */
export const unitFormSessionFields = {
  unitId: z.string(),
  year: z.number().int(),
  baseVersion: z.number().int().min(0),
  initial: z.record(z.string(), z.unknown()),
  form: formStateSchema,
  edit: z.string().optional(),
};

/** Words that submit, save or edit at a form's review step (folded, see text/vntext key()). */
export const SAVE_WORDS = new Set(['luu', 'luu nhap', 'save', 'save draft']);
export const EDIT_WORDS = new Set(['sua', 'sua mot muc', 'edit']);

/**
 * The first step of a unit's form flow: its intro, then the question where the walk stands — or,
 * once every field is answered, what `complete` shows (the review).
 */
export function firstStep<S extends { form: { index: number; values: Record<string, unknown> } }>(intro: Reply, spec: FormSpec, s: S, locale: Locale, complete: () => Step<S>): Step<S> {
  if (s.form.index < spec.fields.length) return { state: s, replies: [intro, promptField(spec, s.form, locale)] };
  const r = complete();
  return { ...r, replies: [intro, ...r.replies] };
}
