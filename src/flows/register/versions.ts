import type { Role } from '../../bot/types.js';
import { key } from '../../text/vntext.js';
import type { Registration, RegistrationStatus, Target } from './records.js';

/** What an officer fills in; the rest of a Registration is status and bookkeeping. */
export type RegistrationData = Pick<Registration, 'collectiveTitle' | 'headcount' | 'individual' | 'targets' | 'movements' | 'notes'>;

export const dataOf = (r: Registration): RegistrationData => ({
  collectiveTitle: r.collectiveTitle,
  headcount: r.headcount,
  individual: r.individual,
  targets: r.targets,
  movements: r.movements,
  notes: r.notes,
});

const targetLine = (t: Target) => `${t.content}; ${t.unit}; ${typeof t.value === 'number' ? String(t.value).replace('.', ',') : t.value}`;
const show = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v));

/**
 * What changed, one readable line each, stored in the history. A line starts with a field key
 * ("headcount", "individual.ldtt", "targets+" …) that `history.ts` turns into a localized label.
 */
export function diffData(prev: RegistrationData | undefined, next: RegistrationData): string[] {
  const out: string[] = [];
  const p: RegistrationData = prev ?? { collectiveTitle: null, headcount: 0, individual: {}, targets: [], movements: [], notes: undefined };
  if (p.collectiveTitle !== next.collectiveTitle) out.push(`collectiveTitle: ${show(p.collectiveTitle)} → ${show(next.collectiveTitle)}`);
  if (p.headcount !== next.headcount || !prev) out.push(`headcount: ${prev ? p.headcount : '—'} → ${next.headcount}`);
  for (const id of new Set([...Object.keys(p.individual), ...Object.keys(next.individual)])) {
    const a = p.individual[id] ?? 0;
    const b = next.individual[id] ?? 0;
    if (a !== b) out.push(`individual.${id}: ${a} → ${b}`);
  }
  const before = new Map(p.targets.map((t) => [key(t.content), t]));
  const after = new Map(next.targets.map((t) => [key(t.content), t]));
  for (const [k, t] of after) {
    const old = before.get(k);
    if (!old) out.push(`targets+: ${targetLine(t)}`);
    else if (old.value !== t.value || old.unit !== t.unit) out.push(`targets~: ${t.content}: ${old.value} ${old.unit} → ${t.value} ${t.unit}`);
  }
  for (const [k, t] of before) if (!after.has(k)) out.push(`targets-: ${targetLine(t)}`);
  const movesA = p.movements.join('; ');
  const movesB = next.movements.join('; ');
  if (movesA !== movesB) out.push(`movements: ${show(movesA)} → ${show(movesB)}`);
  if ((p.notes ?? '') !== (next.notes ?? '')) out.push(`notes: ${show(p.notes)} → ${show(next.notes)}`);
  return out;
}

export interface Change {
  action: Registration['history'][number]['action'];
  by: string;
  role?: Role;
  name?: string;
  at: Date;
  status: RegistrationStatus;
  reason?: string;
  comment?: string;
}

/** The next version of a registration: new data and status, one more history entry. */
export function commit(prev: Registration | undefined, unitId: string, year: number, data: RegistrationData, c: Change): Registration {
  const version = (prev?.version ?? 0) + 1;
  const at = c.at.toISOString();
  const base: Registration = {
    ...(prev ?? { unitId, year, history: [] }),
    ...data,
    unitId,
    year,
    status: c.status,
    version,
    updatedAt: at,
    updatedBy: c.by,
    history: [
      ...(prev?.history ?? []),
      {
        version,
        at,
        by: c.by,
        ...(c.role ? { role: c.role } : {}),
        ...(c.name ? { name: c.name } : {}),
        action: c.action,
        changes: diffData(prev && dataOf(prev), data),
        reason: c.reason,
        comment: c.comment,
      },
    ],
  } as Registration;
  if (c.status === 'submitted') {
    base.submittedAt = at;
    delete base.approvedAt;
    delete base.approvedBy;
    delete base.returnComment;
  }
  if (c.status === 'approved') {
    base.approvedAt = at;
    base.approvedBy = c.by;
  }
  if (c.status === 'returned') base.returnComment = c.comment;
  return base;
}
