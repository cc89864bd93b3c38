import type { ReviewKit } from './kit.js';
import { buildMinutesDocx } from './minutes-docx.js';
import { ranking } from './scoring.js';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** "Cụm thi đua số III …" → "CTĐIII" (the cluster's part of a document number). */
export function clusterCode(nameVi: string, id: string): string {
  const m = /số\s+([IVXLC]+|\d+)/u.exec(nameVi);
  return m ? `CTĐ${m[1]}` : id.toUpperCase();
}

/** The minutes of a cluster's review and vote as DOCX bytes; undefined when the year has no review file. */
export async function minutesFor(kit: ReviewKit, clusterId: string, year: number, now: Date): Promise<{ bytes: Buffer; closed: number; name: string } | undefined> {
  const cfg = kit.reviews.get(clusterId, year);
  if (!cfg) return undefined;
  const { units } = kit.services;
  const rows = ranking(cfg, units, await kit.records.listSa(year));
  const ballots = (await kit.records.listBallots({ clusterId, year })).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const chair = (await kit.services.people.list()).find((p) => p.role === 'cluster-head' && units.get(p.unitId)?.clusterId === clusterId);
  const clusterName = units.name(clusterId, 'vi');
  const bytes = await buildMinutesDocx({
    cfg,
    clusterName,
    clusterCode: clusterCode(clusterName, clusterId),
    unitName: (id) => units.name(id, 'vi'),
    rows,
    ballots,
    chairUnit: chair ? units.name(chair.unitId, 'vi') : undefined,
    tz: kit.tz,
    now,
  });
  return { bytes, closed: ballots.filter((b) => b.state === 'closed').length, name: `bien-ban-binh-xet-${clusterId}-${year}.docx` };
}
