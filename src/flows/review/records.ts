import { z } from 'zod';
import { approvalFields, draftFields } from '../shared/records.js';
import { Repo } from '../../bot/repo.js';
import type { Store, Write } from '../../bot/store.js';

/**
 * What the year-end review keeps (namespace `reviews`; report files in `files`):
 *   sa|<year>|<unit>        a unit's self-assessment, every change in its history
 *   sadraft|<year>|<unit>   unfinished answers, saved after every step
 *   ballot|<ballot id>      a ballot's settings, candidates, state and (once closed) its result
 *   rep|<year>|<unit>       the representative the head named to vote for the unit
 * Votes themselves are only in the ballot box (box.ts): who has voted, and counters.
 */
export const scoreSchema = z.object({ score: z.number().min(0), note: z.string().min(1).max(500) });
export type Score = z.infer<typeof scoreSchema>;

export const reportSchema = z.object({
  name: z.string().min(1).max(200),
  size: z.number().int().min(1),
  mime: z.string().max(120),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.string(),
  by: z.string(),
});
export type Report = z.infer<typeof reportSchema>;

export const SA_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type SaStatus = (typeof SA_STATUSES)[number];

export const selfAssessmentSchema = z.object({
  unitId: z.string(),
  clusterId: z.string(),
  year: z.number().int(),
  status: z.enum(SA_STATUSES),
  scores: z.record(z.string(), scoreSchema),
  report: reportSchema.optional(),
  ...approvalFields,
  history: z.array(
    z.object({
      version: z.number().int(),
      at: z.string(),
      by: z.string(),
      action: z.enum(['save', 'submit', 'approve', 'return']),
      total: z.number().optional(),
      comment: z.string().optional(),
    }),
  ),
});
export type SelfAssessment = z.infer<typeof selfAssessmentSchema>;

export const saDraftSchema = z.object({ ...draftFields, report: reportSchema.optional() });
export type SaDraft = z.infer<typeof saDraftSchema>;

const ratioSchema = z.object({ num: z.number().int().min(0), den: z.number().int().min(1), label: z.string() });
const textSchema = z.object({ vi: z.string(), en: z.string() });

export const candidateResultSchema = z.object({ unit: z.string(), yes: z.number().int().min(0), no: z.number().int().min(0), passed: z.boolean() });
export type CandidateResult = z.infer<typeof candidateResultSchema>;

export const ballotSchema = z.object({
  id: z.string(),
  clusterId: z.string(),
  year: z.number().int(),
  titleId: z.string(),
  title: textSchema,
  candidates: z.array(z.string()).min(1),
  /** The member units at opening: one ballot each. */
  eligible: z.array(z.string()).min(1),
  openedAt: z.string(),
  openedBy: z.string(),
  closesAt: z.string(),
  state: z.enum(['open', 'closed']),
  closedAt: z.string().optional(),
  closedBy: z.string().optional(),
  /** The voting settings of the review file at opening. */
  settings: z.object({
    quorum: ratioSchema,
    pass: ratioSchema,
    passBase: z.enum(['eligible', 'voted']),
    comparison: z.enum(['at-least', 'more-than']),
    sample: z.boolean(),
    source: textSchema,
  }),
  result: z
    .object({
      voted: z.number().int().min(0),
      voters: z.array(z.string()),
      quorumMet: z.boolean(),
      candidates: z.array(candidateResultSchema),
    })
    .optional(),
});
export type Ballot = z.infer<typeof ballotSchema>;

export const repSchema = z.object({ person: z.string(), name: z.string().optional(), by: z.string(), at: z.string() });
export type Rep = z.infer<typeof repSchema>;

export const storedFileSchema = z.object({ sha256: z.string(), size: z.number().int(), mime: z.string(), data: z.string(), at: z.string() });

export const ballotId = (cluster: string, year: number, titleId: string) => `${cluster}.${year}.${titleId}`;

export class ReviewRecords {
  readonly sa: Repo<SelfAssessment>;
  readonly drafts: Repo<SaDraft>;
  readonly ballots: Repo<Ballot>;
  readonly reps: Repo<Rep>;
  readonly files: Repo<z.infer<typeof storedFileSchema>>;
  constructor(store: Store) {
    this.sa = new Repo(store, 'reviews', selfAssessmentSchema);
    this.drafts = new Repo(store, 'reviews', saDraftSchema);
    this.ballots = new Repo(store, 'reviews', ballotSchema);
    this.reps = new Repo(store, 'reviews', repSchema);
    this.files = new Repo(store, 'files', storedFileSchema);
  }
  static saKey = (year: number, unit: string) => `sa|${year}|${unit}`;
  static draftKey = (year: number, unit: string) => `sadraft|${year}|${unit}`;
  static ballotKey = (id: string) => `ballot|${id}`;
  static repKey = (year: number, unit: string) => `rep|${year}|${unit}`;

  getSa(year: number, unit: string) {
    return this.sa.get(ReviewRecords.saKey(year, unit));
  }
  /** A self-assessment as a store write, to go in the Store.batch of its change (with its notices). */
  saWrite(s: SelfAssessment): Write {
    return this.sa.write(ReviewRecords.saKey(s.year, s.unitId), s);
  }
  async listSa(year: number): Promise<SelfAssessment[]> {
    return (await this.sa.list(`sa|${year}|`)).map((e) => e.value);
  }
  getBallot(id: string) {
    return this.ballots.get(ReviewRecords.ballotKey(id));
  }
  async saveBallot(b: Ballot) {
    await this.ballots.set(ReviewRecords.ballotKey(b.id), b);
  }
  async listBallots(filter: { clusterId?: string; year?: number } = {}): Promise<Ballot[]> {
    return (await this.ballots.list('ballot|'))
      .map((e) => e.value)
      .filter((b) => (filter.clusterId === undefined || b.clusterId === filter.clusterId) && (filter.year === undefined || b.year === filter.year));
  }
  /** Is the self-assessment of the year sent (or approved)? What completes the deadline. */
  async isSubmitted(year: number, unit: string): Promise<boolean> {
    const s = await this.getSa(year, unit).catch(() => undefined);
    return s?.status === 'submitted' || s?.status === 'approved';
  }
}
