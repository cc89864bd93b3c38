import { z } from 'zod';
import { approvalFields } from '../shared/records.js';
import { Repo } from '../../bot/repo.js';
import type { Store } from '../../bot/store.js';

/**
 * A unit's emulation registration for one year, with every version kept.
 * Other modules (reminders, progress, export) read it through `Registrations`.
 */
export const targetSchema = z.object({
  content: z.string().min(1).max(500),
  unit: z.string().min(1).max(60),
  /** A number (12, 95.5) or, for a qualitative target, a short text ("hoàn thành xuất sắc"). */
  value: z.union([z.number().nonnegative(), z.string().min(1).max(100)]),
});
export type Target = z.infer<typeof targetSchema>;

export const REGISTRATION_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const historyEntrySchema = z.object({
  version: z.number().int().min(1),
  at: z.string(),
  /** personKey of who did it (never shown: see `role` and `name`). */
  by: z.string(),
  /** Their role and name at the time, for history lines that name people without ids. */
  role: z.enum(['officer', 'head', 'cluster-head', 'admin']).optional(),
  name: z.string().optional(),
  action: z.enum(['save', 'submit', 'approve', 'return', 'amend']),
  /** Human-readable list of what changed ("headcount: 20 → 22"). */
  changes: z.array(z.string()).default([]),
  reason: z.string().optional(),
  comment: z.string().optional(),
});

export const registrationSchema = z.object({
  unitId: z.string(),
  year: z.number().int().min(2000).max(2100),
  status: z.enum(REGISTRATION_STATUSES),
  /** Title id from data/titles.yaml (collective), or null when the unit aims at none. */
  collectiveTitle: z.string().nullable(),
  headcount: z.number().int().min(0),
  /** How many staff aim at each individual title, by title id. */
  individual: z.record(z.string(), z.number().int().min(0)),
  targets: z.array(targetSchema),
  movements: z.array(z.string()).default([]),
  notes: z.string().optional(),
  ...approvalFields,
  history: z.array(historyEntrySchema),
});
export type Registration = z.infer<typeof registrationSchema>;

export class Registrations {
  readonly repo: Repo<Registration>;
  constructor(store: Store) {
    this.repo = new Repo(store, 'registrations', registrationSchema);
  }
  static key(unitId: string, year: number) {
    return `${year}:${unitId}`;
  }
  get(unitId: string, year: number): Promise<Registration | undefined> {
    return this.repo.get(Registrations.key(unitId, year));
  }
  async save(r: Registration): Promise<void> {
    await this.repo.set(Registrations.key(r.unitId, r.year), r);
  }
  async listYear(year: number): Promise<Registration[]> {
    // Keys are "<year>:<unit>": only that year's rows are validated.
    return (await this.repo.list(`${year}:`)).map((e) => e.value).filter((r) => r.year === year);
  }
  /** Submitted (or approved): what completes the registration deadline. */
  async isSubmitted(unitId: string, year: number): Promise<boolean> {
    const r = await this.get(unitId, year);
    return r?.status === 'submitted' || r?.status === 'approved';
  }
}
