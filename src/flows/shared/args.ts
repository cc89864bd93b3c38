import type { Ctx } from '../../bot/context.js';
import type { Units } from '../../domain/units.js';

/** The words of a command's arguments. */
export const argWords = (ctx: Ctx): string[] => (ctx.in.args ?? '').split(/\s+/).filter(Boolean);

/**
 * "[unit id] [cluster id] [year]" in any order from command arguments: a year (2000–2100; another
 * four-digit number is `badYear`), a unit and a cluster known to `units`; the other words in `rest`.
 */
export function readTarget(args: string[], units: Units): { year?: number; badYear?: string; unitId?: string; clusterId?: string; rest: string[] } {
  const out: ReturnType<typeof readTarget> = { rest: [] };
  for (const a of args) {
    const id = a.toLowerCase();
    if (/^\d{4}$/.test(a)) {
      const y = Number(a);
      if (y >= 2000 && y <= 2100) out.year = y;
      else out.badYear = a;
    } else if (units.get(id)) out.unitId = id;
    else if (units.cluster(id)) out.clusterId = id;
    else out.rest.push(a);
  }
  return out;
}
