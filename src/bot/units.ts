import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Locale } from './types.js';

const name = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const unit = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name });
const cluster = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name, demo: z.boolean().default(false), units: z.array(unit).min(1) });

export const unitsFileSchema = z
  .object({ clusters: z.array(cluster).min(1) })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    for (const id of f.clusters.flatMap((c) => [c.id, ...c.units.map((u) => u.id)])) {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', message: `duplicate id "${id}"` });
      seen.add(id);
    }
  });

export interface Unit {
  id: string;
  name: { vi: string; en: string };
  clusterId: string;
  demo: boolean;
}
export interface Cluster {
  id: string;
  name: { vi: string; en: string };
  demo: boolean;
  unitIds: string[];
}

/** Clusters and units of data/units.yaml, looked up by id. */
export class Units {
  readonly clusters: Cluster[];
  private byId = new Map<string, Unit>();

  constructor(source: string) {
    const f = unitsFileSchema.parse(parse(source));
    this.clusters = f.clusters.map((c) => ({ id: c.id, name: c.name, demo: c.demo, unitIds: c.units.map((u) => u.id) }));
    for (const c of f.clusters) for (const u of c.units) this.byId.set(u.id, { ...u, clusterId: c.id, demo: c.demo });
  }

  static load(file: string): Units {
    return new Units(readFileSync(file, 'utf8'));
  }

  get(id: string): Unit | undefined {
    return this.byId.get(id);
  }

  all(): Unit[] {
    return [...this.byId.values()];
  }

  /** Units of real clusters (the demo cluster is left out of reports and broadcasts). */
  real(): Unit[] {
    return this.all().filter((u) => !u.demo);
  }

  cluster(id: string): Cluster | undefined {
    return this.clusters.find((c) => c.id === id);
  }

  name(id: string, locale: Locale): string {
    return this.byId.get(id)?.name[locale] ?? this.cluster(id)?.name[locale] ?? id;
  }
}
