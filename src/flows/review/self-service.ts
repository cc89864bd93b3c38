import { tr } from '../../text/i18n.js';
import { button } from '../../bot/buttons.js';
import { auditEntry } from '../../bot/audit.js';
import { access, personKey } from '../../bot/people.js';
import type { NoticeReply } from '../../bot/notices.js';
import type { Write } from '../../bot/store.js';
import type { Choice, Locale, Role } from '../../bot/types.js';
import { showLocal } from '../../domain/dates.js';
import type { ReviewConfig } from '../../domain/review.js';
import { clusterOf, reviewAccess, type Actor, type ReviewKit } from './kit.js';
import { M, num } from './messages.js';
import { ReviewRecords, type Report, type Score, type SelfAssessment } from './records.js';
import { missingOf, total } from './scoring.js';

/**
 * What changes a self-assessment: save a draft, send it, approve or return it. Each re-checks who
 * may do it from the stored person, the version the change started from, and the ballot lock.
 */
export type SaRefusal = 'no-config' | 'forbidden' | 'stale' | 'incomplete' | 'unchanged' | 'status' | 'missing' | 'locked';
export type SaOutcome = { ok: true; sa: SelfAssessment; notes: string[] } | { ok: false; why: SaRefusal; sa?: SelfAssessment };

export interface SaData {
  scores: Record<string, Score>;
  report?: Report;
}

/** Once the cluster has opened a ballot of the year, scores no longer change. */
export async function isLocked(kit: ReviewKit, clusterId: string, year: number): Promise<boolean> {
  return (await kit.records.listBallots({ clusterId, year })).length > 0;
}

export function configFor(kit: ReviewKit, unitId: string, year: number): ReviewConfig | undefined {
  return kit.reviews.get(clusterOf(kit, unitId), year);
}

/** Approve / return buttons of a sent version (values never trusted: re-checked on press). */
export function decisionChoices(sa: SelfAssessment, locale: Locale): Choice[] {
  const tail = `${sa.unitId}:${sa.year}:${sa.version}`;
  return [
    { label: tr(locale, M.approve), value: button('rvd', 'approve', tail) },
    { label: tr(locale, M.return), value: button('rvd', 'return', tail) },
  ];
}

/** Notices to a unit's people with the given roles and to `also`, queued to be written with the change they follow. */
interface UnitNotices {
  told: { label: string; id: string }[];
  writes: Write[];
  /** Said to the actor when nobody could be told. */
  nobody?: string;
}

/** Queues one notice (built in each person's language) for each of the unit's people with `roles`, and for `also`. */
async function queueUnitNotices(kit: ReviewKit, actor: Actor, locale: Locale, unitId: string, roles: Role[], also: string[], build: (l: Locale) => NoticeReply): Promise<UnitNotices> {
  const people = (await kit.services.people.list()).filter(
    (p) => personKey(p.platform, p.userId) !== actor.key && p.unitId === unitId && (roles.includes(p.role) || also.includes(personKey(p.platform, p.userId))),
  );
  const q = kit.services.notices.queue(people.map((p) => ({ to: { platform: p.platform, chatId: p.chatId, userId: p.userId }, reply: build(p.locale ?? 'vi') })));
  return {
    told: people.map((p, i) => ({ label: `${p.name ?? p.userId} (${p.platform})`, id: q.ids[i] })),
    writes: q.writes,
    ...(!people.length && roles.includes('head') ? { nobody: tr(locale, M.nobodyHead) } : {}),
  };
}

/** Delivers notices already stored with their change (the upkeep retries any a crash left); what the actor is told. */
async function deliverUnitNotices(kit: ReviewKit, locale: Locale, n: UnitNotices): Promise<string[]> {
  if (!n.told.length) return n.nobody ? [n.nobody] : [];
  const outcomes = await kit.services.notices.deliver(n.told.map((t) => t.id));
  const sent = n.told.filter((t) => outcomes.get(t.id) !== 'failed').map((t) => t.label);
  const failed = n.told.filter((t) => outcomes.get(t.id) === 'failed').map((t) => t.label);
  return [...(sent.length ? [tr(locale, M.notified, { list: sent.join(', ') })] : []), ...(failed.length ? [tr(locale, M.unreachable, { list: failed.join(', ') })] : [])];
}

const sameData = (a: SelfAssessment, b: SaData) => JSON.stringify(a.scores) === JSON.stringify(b.scores) && a.report?.sha256 === b.report?.sha256;

/** Saves a draft or sends. `baseVersion` is the version the officer started from (0 = none). */
export function saveSelfAssessment(
  kit: ReviewKit,
  actor: Actor,
  locale: Locale,
  target: { unitId: string; year: number; baseVersion: number },
  data: SaData,
  mode: 'save' | 'submit',
  now: Date,
): Promise<SaOutcome> {
  const { unitId, year } = target;
  return kit.services.store.withLock(`review-sa:${year}:${unitId}`, async () => {
    const cfg = configFor(kit, unitId, year);
    if (!cfg) return { ok: false, why: 'no-config' };
    if (!reviewAccess.canEdit(actor.person, unitId)) return { ok: false, why: 'forbidden' };
    const prev = await kit.records.getSa(year, unitId);
    if ((prev?.version ?? 0) !== target.baseVersion) return { ok: false, why: 'stale', sa: prev };
    if (await isLocked(kit, cfg.cluster, year)) return { ok: false, why: 'locked', sa: prev };
    const scores = Object.fromEntries(cfg.items.filter((i) => data.scores[i.id]).map((i) => [i.id, data.scores[i.id]]));
    const next: SaData = { scores, report: data.report };
    if (mode === 'save' && (prev?.status === 'submitted' || prev?.status === 'approved')) return { ok: false, why: 'status', sa: prev };
    if (mode === 'submit') {
      const { unscored } = missingOf({ ...(prev ?? ({} as SelfAssessment)), scores, status: 'submitted', report: data.report } as SelfAssessment, cfg);
      if (unscored.length || (cfg.report.required && !data.report)) return { ok: false, why: 'incomplete', sa: prev };
      if (prev && (prev.status === 'submitted' || prev.status === 'approved') && sameData(prev, next)) return { ok: false, why: 'unchanged', sa: prev };
    }
    const at = now.toISOString();
    const version = (prev?.version ?? 0) + 1;
    const status = mode === 'save' ? 'draft' : 'submitted';
    const sa: SelfAssessment = {
      unitId,
      clusterId: cfg.cluster,
      year,
      status,
      scores,
      ...(data.report ? { report: data.report } : {}),
      version,
      updatedAt: at,
      updatedBy: actor.key,
      ...(mode === 'submit' ? { submittedAt: at } : prev?.submittedAt ? { submittedAt: prev.submittedAt } : {}),
      history: [...(prev?.history ?? []), { version, at, by: actor.key, action: mode, total: total({ scores }, cfg) }],
    };
    const unit = (l: Locale) => kit.services.units.name(unitId, l);
    const told =
      mode === 'submit'
        ? await queueUnitNotices(kit, actor, locale, unitId, ['head'], [], (l) => ({
            text: tr(l, M.saNotifySubmitted, { who: actor.name, year, unit: unit(l), total: num(total(sa, cfg), l), max: num(cfg.maxTotal, l) }) + '\n\n' + renderSa(sa, cfg, unit(l), l, kit.tz),
            choices: decisionChoices(sa, l),
            personal: true,
          }))
        : { told: [], writes: [] };
    await kit.services.store.batch([
      kit.records.saWrite(sa),
      kit.records.drafts.remove(ReviewRecords.draftKey(year, unitId)),
      auditEntry(now, actor.key, `self-assessment-${mode}`, { unitId, year, version }),
      ...told.writes,
    ]);
    return { ok: true, sa, notes: await deliverUnitNotices(kit, locale, told) };
  });
}

/** Approves or returns a sent version; the unit's officers (and the sender) are told. */
export function decideSelfAssessment(
  kit: ReviewKit,
  actor: Actor,
  locale: Locale,
  target: { unitId: string; year: number; version: number },
  decision: 'approve' | 'return',
  now: Date,
  comment?: string,
): Promise<SaOutcome> {
  const { unitId, year } = target;
  return kit.services.store.withLock(`review-sa:${year}:${unitId}`, async () => {
    if (!reviewAccess.canApprove(actor.person, unitId)) return { ok: false, why: 'forbidden' };
    const prev = await kit.records.getSa(year, unitId);
    if (!prev) return { ok: false, why: 'missing' };
    if (prev.status !== 'submitted') return { ok: false, why: 'status', sa: prev };
    if (prev.version !== target.version) return { ok: false, why: 'stale', sa: prev };
    const cfg = configFor(kit, unitId, year);
    if (cfg && decision === 'approve' && (await isLocked(kit, cfg.cluster, year))) return { ok: false, why: 'locked', sa: prev };
    const at = now.toISOString();
    const version = prev.version + 1;
    const sa: SelfAssessment = {
      ...prev,
      status: decision === 'approve' ? 'approved' : 'returned',
      version,
      updatedAt: at,
      updatedBy: actor.key,
      ...(decision === 'approve' ? { approvedAt: at, approvedBy: actor.key, returnComment: undefined } : { returnComment: comment }),
      history: [...prev.history, { version, at, by: actor.key, action: decision, ...(comment ? { comment } : {}) }],
    };
    const sender = [...prev.history].reverse().find((h) => h.action === 'submit')?.by;
    const told = await queueUnitNotices(kit, actor, locale, unitId, ['officer'], sender ? [sender] : [], (l) => ({
      text: tr(l, decision === 'approve' ? M.saNotifyApproved : M.saNotifyReturned, { year, unit: kit.services.units.name(unitId, l), who: actor.name, comment: comment ?? '' }),
      personal: true,
    }));
    await kit.services.store.batch([kit.records.saWrite(sa), auditEntry(now, actor.key, `self-assessment-${decision}`, { unitId, year, version }), ...told.writes]);
    return { ok: true, sa, notes: await deliverUnitNotices(kit, locale, told) };
  });
}

/** A self-assessment as text: header, each criterion's points and note, the total, the report. */
export function renderSa(sa: SelfAssessment, cfg: ReviewConfig, unitName: string, l: Locale, tz: string): string {
  const lines = [tr(l, M.saHeader, { year: sa.year, unit: unitName, status: tr(l, statusMsg(sa.status)), version: sa.version })];
  lines.push(...scoreLines(sa.scores, cfg, l));
  lines.push(tr(l, M.saTotal, { total: num(total(sa, cfg), l), max: num(cfg.maxTotal, l) }));
  lines.push(tr(l, M.saReport, { report: sa.report ? reportLine(sa.report, l) : tr(l, M.saNoReport) }));
  if (sa.submittedAt) lines.push(tr(l, M.sentAt, { at: showLocal(sa.submittedAt, tz) }));
  if (sa.status === 'returned' && sa.returnComment) lines.push(tr(l, M.saReturned, { comment: sa.returnComment }));
  return lines.join('\n');
}

export const reportLine = (r: Report, l: Locale) => `${r.name} (${sizeText(r.size, l)}, SHA-256 ${r.sha256.slice(0, 12)}…)`;
const sizeText = (n: number, l: Locale) => (n >= 1024 * 1024 ? `${num(Math.round((n / 1048576) * 10) / 10, l)} MB` : n >= 1024 ? `${num(Math.round(n / 102.4) / 10, l)} KB` : `${n} B`);

export function scoreLines(scores: Record<string, Score>, cfg: ReviewConfig, l: Locale): string[] {
  const out: string[] = [];
  for (const g of cfg.criteria) {
    out.push(g.name[l]);
    for (const it of g.items) {
      const s = scores[it.id];
      out.push(`  • ${it.name[l]}: ${s ? `${num(s.score, l)}/${num(it.max, l)} — ${s.note}` : `—/${num(it.max, l)}`}`);
    }
  }
  return out;
}

export const statusMsg = (s: string) => ({ draft: M.stDraft, submitted: M.stSubmitted, approved: M.stApproved, returned: M.stReturned })[s] ?? M.stNone;
