import { tr } from '../../text/i18n.js';
import { button } from '../../bot/buttons.js';
import { personKey, type Person } from '../../bot/people.js';
import type { Locale } from '../../bot/types.js';
import { logger } from '../../log.js';
import { showLocal } from '../../domain/dates.js';
import type { Outgoing } from '../../bot/delivery.js';
import type { CastResult, Choice } from './box.js';
import { reviewAccess, type Actor, type ReviewKit } from './kit.js';
import { M, num, ruleText } from './messages.js';
import { ballotId, ReviewRecords, type Ballot } from './records.js';
import { neededVoters, neededYes, ranking, result } from './scoring.js';

const log = logger('review');

/** How long after closing the results are still worth delivering (a process down meanwhile catches up). */
const NOTICE_DAYS = 14;

export type OpenRefusal = 'no-config' | 'unknown-title' | 'forbidden' | 'no-candidates' | 'bad-candidates' | 'past' | 'exists';
export type OpenOutcome = { ok: true; ballot: Ballot } | { ok: false; why: OpenRefusal; detail?: string[]; ballot?: Ballot };

/** Opens the secret ballot of a cluster, year and title. The box decides which of two racing openers wins. */
export async function openBallot(
  kit: ReviewKit,
  actor: Actor,
  req: { clusterId: string; year: number; titleId: string; candidates: string[]; closesAt: Date },
  now: Date,
): Promise<OpenOutcome> {
  const cfg = kit.reviews.get(req.clusterId, req.year);
  if (!cfg) return { ok: false, why: 'no-config' };
  const title = cfg.titles.find((t) => t.id === req.titleId);
  if (!title) return { ok: false, why: 'unknown-title', detail: cfg.titles.map((t) => t.id) };
  if (!actor.operator && !reviewAccess.canManage(actor.person, req.clusterId, kit.services.units)) return { ok: false, why: 'forbidden' };
  const members = kit.services.units.cluster(req.clusterId)?.unitIds ?? [];
  const candidates = [...new Set(req.candidates)];
  if (!candidates.length) return { ok: false, why: 'no-candidates' };
  const outside = candidates.filter((c) => !members.includes(c));
  if (outside.length) return { ok: false, why: 'bad-candidates', detail: outside };
  if (req.closesAt.getTime() <= now.getTime()) return { ok: false, why: 'past' };
  const id = ballotId(req.clusterId, req.year, req.titleId);
  const existing = await kit.records.getBallot(id);
  if (existing) return { ok: false, why: 'exists', ballot: existing };
  const ballot: Ballot = {
    id,
    clusterId: req.clusterId,
    year: req.year,
    titleId: title.id,
    title: title.name,
    candidates,
    eligible: members,
    openedAt: now.toISOString(),
    openedBy: actor.key,
    closesAt: req.closesAt.toISOString(),
    state: 'open',
    settings: { ...cfg.voting, sample: cfg.sample },
  };
  if (!(await kit.box.open(id, candidates, req.closesAt.getTime()))) {
    // Another opener won the box; its record is (or is about to be) there.
    return { ok: false, why: 'exists', ballot: (await kit.records.getBallot(id)) ?? undefined };
  }
  await kit.records.saveBallot(ballot);
  await kit.services.audit(actor.key, 'ballot-open', { ballot: id, candidates, closesAt: ballot.closesAt });
  return { ok: true, ballot };
}

/** The representative the head named for a unit and year (a person key), if any. */
export async function repOf(kit: ReviewKit, year: number, unitId: string): Promise<string | undefined> {
  return (await kit.records.reps.get(ReviewRecords.repKey(year, unitId)).catch(() => undefined))?.person;
}

export type CastOutcome = CastResult | 'not-member' | 'not-voter' | 'error';

/**
 * Casts the ballot of the person's unit. Who may vote is checked from the stored person and the
 * stored representative; once and in time is the box's single atomic step. A storage failure is
 * reported as such (the voter is told the ballot was not counted), never as a success.
 */
export async function castBallot(kit: ReviewKit, person: Person | undefined, id: string, choices: Record<string, Choice>, now: Date): Promise<{ outcome: CastOutcome; ballot?: Ballot }> {
  const ballot = await kit.records.getBallot(id);
  if (!ballot) return { outcome: 'unknown' };
  if (!person || !ballot.eligible.includes(person.unitId)) return { outcome: 'not-member', ballot };
  if (!reviewAccess.canVote(person, person.unitId, await repOf(kit, ballot.year, person.unitId))) return { outcome: 'not-voter', ballot };
  let outcome: CastOutcome;
  try {
    outcome = await kit.box.cast(id, person.unitId, choices, now.getTime());
  } catch (err) {
    log.error('ballot not stored', { ballot: id, error: err instanceof Error ? err.message : String(err) });
    return { outcome: 'error', ballot };
  }
  // The audit says who cast the unit's ballot and when — never what it chose.
  if (outcome === 'counted') await kit.services.audit(personKey(person.platform, person.userId), 'ballot-cast', { ballot: id, unitId: person.unitId }).catch(() => undefined);
  return { outcome, ballot };
}

export type CloseOutcome = { ok: true; ballot: Ballot; closedNow: boolean } | { ok: false; why: 'unknown' | 'forbidden' };

/**
 * Closes a ballot (the cluster head, the operator, or the clock at its closing time): the box
 * stops taking ballots in the same step it is read, and the result is computed from it.
 */
export async function closeBallot(kit: ReviewKit, actor: Actor, id: string, now: Date): Promise<CloseOutcome> {
  const ballot = await kit.records.getBallot(id);
  if (!ballot) return { ok: false, why: 'unknown' };
  if (!actor.operator && !reviewAccess.canManage(actor.person, ballot.clusterId, kit.services.units)) return { ok: false, why: 'forbidden' };
  const { closedNow, tally } = await kit.box.close(id);
  if (!tally) return { ok: false, why: 'unknown' };
  if (ballot.state === 'closed' && ballot.result) return { ok: true, ballot, closedNow: false };
  const voters = await kit.box.voters(id);
  const closed: Ballot = { ...ballot, state: 'closed', closedAt: now.toISOString(), closedBy: actor.key, result: result(ballot, tally, voters) };
  await kit.records.saveBallot(closed);
  if (closedNow) await kit.services.audit(actor.key, 'ballot-close', { ballot: id, voted: tally.voted });
  return { ok: true, ballot: closed, closedNow };
}

/** The results as a message, in a language. */
export function resultText(kit: ReviewKit, b: Ballot, l: Locale): string {
  const r = b.result!;
  const units = kit.services.units;
  const eligible = b.eligible.length;
  const base = b.settings.passBase === 'eligible' ? eligible : r.voted;
  const q = b.settings.quorum.label;
  const lines = [
    tr(l, M.resultTitle, { title: b.title[l], year: b.year, cluster: units.name(b.clusterId, l) }),
    tr(l, M.resultTurnout, { voted: r.voted, eligible, quorum: tr(l, r.quorumMet ? M.quorumMet : M.quorumNot, { q }) }),
    ...r.candidates.map((c) =>
      tr(l, M.resultRow, { unit: units.name(c.unit, l), yes: c.yes, no: c.no, pct: base ? `${num(Math.round((c.yes / base) * 1000) / 10, l)}%` : '—', verdict: tr(l, c.passed ? M.passed : M.failed) }),
    ),
    tr(l, M.resultNeed, { n: neededYes(b, r.voted) }),
    ruleText(l, b, neededVoters(b)),
  ];
  return lines.join('\n');
}

/** The people told about a cluster's ballots: everyone bound to a member unit, and the admins. */
async function audience(kit: ReviewKit, b: Ballot, onlyVoters: boolean): Promise<Person[]> {
  const people = await kit.services.people.list();
  const out: Person[] = [];
  for (const p of people) {
    if (p.role === 'admin') {
      if (!onlyVoters) out.push(p);
      continue;
    }
    if (!b.eligible.includes(p.unitId)) continue;
    if (onlyVoters && !reviewAccess.canVote(p, p.unitId, await repOf(kit, b.year, p.unitId))) continue;
    out.push(p);
  }
  return out;
}

const outgoing = (key: string, p: Person, text: string, b: Ballot, choices?: { label: string; value: string }[]): Outgoing => ({
  key,
  to: { platform: p.platform, chatId: p.chatId, person: personKey(p.platform, p.userId) },
  reply: { text, personal: true, ...(choices ? { choices } : {}) },
  meta: { kind: 'announcement', announcementId: `ballot:${b.id}`, unitId: p.unitId },
});

/**
 * Tells the voters a ballot opened and everyone the results once closed — each message once,
 * through the reminders' delivery ledger (a restart never repeats one). Only chats this process
 * can reach are tried; another process (the bot, another console) delivers the rest.
 */
export async function announce(kit: ReviewKit, now: Date): Promise<{ sent: number; failed: number; skipped: number }> {
  const total = { sent: 0, failed: 0, skipped: 0 };
  const { units, outbox } = kit.services;
  for (const b of await kit.records.listBallots()) {
    const items: Outgoing[] = [];
    if (b.state === 'open' && Date.parse(b.closesAt) > now.getTime()) {
      for (const p of await audience(kit, b, true)) {
        const l = p.locale ?? 'vi';
        const text = tr(l, M.voteNoticeOpen, { title: b.title[l], year: b.year, cluster: units.name(b.clusterId, l), list: b.candidates.map((c) => units.name(c, l)).join('; '), closes: showLocal(b.closesAt, kit.tz) });
        items.push(outgoing(`rv|open|${b.id}|${personKey(p.platform, p.userId)}`, p, text, b, [{ label: tr(l, M.voteButton), value: button('rvv', b.id) }]));
      }
    }
    if (b.state === 'closed' && b.result && now.getTime() - Date.parse(b.closedAt ?? b.closesAt) < NOTICE_DAYS * 86400_000) {
      for (const p of await audience(kit, b, false)) items.push(outgoing(`rv|result|${b.id}|${personKey(p.platform, p.userId)}`, p, resultText(kit, b, p.locale ?? 'vi'), b));
    }
    const here = items.filter((o) => outbox.reaches(o.to.platform, o.to.chatId));
    if (!here.length) continue;
    const c = await kit.deliverer.deliver(here);
    total.sent += c.sent;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  return total;
}

/** Closes the ballots whose time has come (any process may; the box makes one the closer). */
export async function closeDue(kit: ReviewKit, now: Date): Promise<Ballot[]> {
  const closed: Ballot[] = [];
  for (const b of await kit.records.listBallots())
    if (b.state === 'open' && Date.parse(b.closesAt) <= now.getTime()) {
      const r = await closeBallot(kit, { key: 'system', name: 'system', operator: true }, b.id, now);
      if (r.ok) closed.push(r.ballot);
    }
  return closed;
}

/** `thidua review status --json`: the ballots (counts only once closed) and the units' self-assessments. */
export async function statusJson(kit: ReviewKit, clusterId: string, year: number) {
  const cfg = kit.reviews.get(clusterId, year);
  const ballots = await kit.records.listBallots({ clusterId, year });
  const out = {
    ballots: [] as { title: string; state: 'open' | 'closed'; eligible: number; voted: number; candidates: { unit: string; yes: number | null; no: number | null; passed: boolean | null }[] }[],
    units: [] as { unit: string; score: number | null; submitted: boolean; approved: boolean }[],
  };
  for (const b of ballots.sort((a, c) => a.openedAt.localeCompare(c.openedAt))) {
    const closed = b.state === 'closed' && b.result;
    const voted = closed ? b.result!.voted : (await kit.box.voters(b.id)).length;
    out.ballots.push({
      title: b.titleId,
      state: b.state,
      eligible: b.eligible.length,
      voted,
      candidates: b.candidates.map((unit) => {
        const c = closed ? b.result!.candidates.find((x) => x.unit === unit) : undefined;
        return { unit, yes: c ? c.yes : null, no: c ? c.no : null, passed: c ? c.passed : null };
      }),
    });
  }
  if (cfg) {
    const rows = ranking(cfg, kit.services.units, await kit.records.listSa(year));
    out.units = rows.map((r) => ({ unit: r.unitId, score: r.score, submitted: r.status === 'submitted' || r.status === 'approved', approved: r.status === 'approved' }));
  }
  return out;
}
