import type { Units } from '../../domain/units.js';
import type { Tally } from './box.js';
import type { Ratio, ReviewConfig } from '../../domain/review.js';
import type { Ballot, CandidateResult, SelfAssessment } from './records.js';

/** Pure rules of the review: totals, what is missing, the ranking, a vote's result. */

export const round2 = (n: number) => Math.round(n * 100) / 100;

export function total(sa: Pick<SelfAssessment, 'scores'> | undefined, cfg: ReviewConfig): number {
  if (!sa) return 0;
  return round2(cfg.items.reduce((s, it) => s + (sa.scores[it.id]?.score ?? 0), 0));
}

export type Missing = 'not-started' | 'not-submitted' | 'not-approved' | 'returned' | 'report' | 'criteria';

/** What keeps a unit's self-assessment from counting: not sent, not approved, no report, items unscored. */
export function missingOf(sa: SelfAssessment | undefined, cfg: ReviewConfig): { missing: Missing[]; unscored: string[] } {
  if (!sa) return { missing: ['not-started'], unscored: cfg.items.map((i) => i.id) };
  const unscored = cfg.items.filter((i) => !sa.scores[i.id]).map((i) => i.id);
  const missing: Missing[] = [];
  if (sa.status === 'draft') missing.push('not-submitted');
  if (sa.status === 'returned') missing.push('returned');
  if (sa.status === 'submitted') missing.push('not-approved');
  if (cfg.report.required && !sa.report) missing.push('report');
  if (unscored.length) missing.push('criteria');
  return { missing, unscored };
}

export interface RankRow {
  unitId: string;
  score: number | null;
  status: SelfAssessment['status'] | 'none';
  missing: Missing[];
  unscored: string[];
  /** 1-based place among the sent (submitted or approved) self-assessments. */
  rank?: number;
}

/** Units of the cluster: sent self-assessments by score (approved first on a tie), then the rest. */
export function ranking(cfg: ReviewConfig, units: Units, all: SelfAssessment[]): RankRow[] {
  const ids = units.cluster(cfg.cluster)?.unitIds ?? [];
  const rows: RankRow[] = ids.map((unitId) => {
    const sa = all.find((s) => s.unitId === unitId && s.year === cfg.year);
    const { missing, unscored } = missingOf(sa, cfg);
    return { unitId, score: sa ? total(sa, cfg) : null, status: sa?.status ?? 'none', missing, unscored };
  });
  const sent = (r: RankRow) => r.status === 'submitted' || r.status === 'approved';
  const order = (a: RankRow, b: RankRow) =>
    Number(sent(b)) - Number(sent(a)) ||
    (b.score ?? -1) - (a.score ?? -1) ||
    Number(b.status === 'approved') - Number(a.status === 'approved') ||
    ids.indexOf(a.unitId) - ids.indexOf(b.unitId);
  rows.sort(order);
  let place = 0;
  for (const r of rows) if (sent(r)) r.rank = ++place;
  return rows;
}

/** Candidates proposed for a title: the top of the ranking, or the best of those who passed another title's vote. */
export function proposeCandidates(cfg: ReviewConfig, titleId: string, rows: RankRow[], ballots: Ballot[]): string[] {
  const title = cfg.titles.find((t) => t.id === titleId);
  if (!title) return [];
  const ranked = rows.filter((r) => r.rank !== undefined);
  if (title.from === 'ranking') return ranked.slice(0, title.propose).map((r) => r.unitId);
  const source = ballots.find((b) => b.clusterId === cfg.cluster && b.year === cfg.year && b.titleId === title.from && b.state === 'closed');
  const passed = new Set(source?.result?.candidates.filter((c) => c.passed).map((c) => c.unit) ?? []);
  return ranked.filter((r) => passed.has(r.unitId)).slice(0, title.propose).map((r) => r.unitId);
}

/** x of base reaches the ratio: x/base ≥ num/den ("at-least") or > ("more-than"), in integers. */
export function reaches(x: number, base: number, r: Pick<Ratio, 'num' | 'den'>, comparison: 'at-least' | 'more-than' = 'at-least'): boolean {
  if (base <= 0) return false;
  return comparison === 'at-least' ? x * r.den >= r.num * base : x * r.den > r.num * base;
}

/** The result of a closed ballot: quorum of the member units, then each candidate's "Đồng ý" against the threshold. */
export function result(b: Ballot, t: Tally, voters: string[]): NonNullable<Ballot['result']> {
  const eligible = b.eligible.length;
  const quorumMet = reaches(t.voted, eligible, b.settings.quorum, 'at-least');
  const base = b.settings.passBase === 'eligible' ? eligible : t.voted;
  const candidates: CandidateResult[] = b.candidates.map((unit) => {
    const c = t.counts[unit] ?? { yes: 0, no: 0 };
    return { unit, yes: c.yes, no: c.no, passed: quorumMet && reaches(c.yes, base, b.settings.pass, b.settings.comparison) };
  });
  return { voted: t.voted, voters, quorumMet, candidates };
}

/** The fewest "Đồng ý" a candidate needs (for messages and the minutes). */
export function neededYes(b: Ballot, voted: number): number {
  const base = b.settings.passBase === 'eligible' ? b.eligible.length : voted;
  const { num, den } = b.settings.pass;
  const exact = (num * base) / den;
  return b.settings.comparison === 'at-least' ? Math.ceil(exact) : Math.floor(exact) + 1;
}

export function neededVoters(b: Ballot): number {
  const { num, den } = b.settings.quorum;
  return Math.ceil((num * b.eligible.length) / den);
}
