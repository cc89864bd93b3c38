import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Locale } from '../text/i18n.js';

const name = z.object({ vi: z.string().min(1), en: z.string().min(1) });
/** The unit's abbreviation in document numbers ("Số: …/ĐK-BTTP"): capitals and digits. */
const code = z.string().regex(/^[\p{Lu}0-9]{1,20}$/u, 'a code is 1–20 capital letters or digits, e.g. BTTP');
/** The place printed in the date line of its documents ("Hà Nội, ngày …"). */
const place = z.string().min(1).max(60);
const unit = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name, code: code.optional(), place: place.optional() });
const cluster = z.object({ id: z.string().regex(/^[a-z0-9-]+$/), name, demo: z.boolean().default(false), place: place.optional(), units: z.array(unit).min(1) });
/** What documents print above a unit's name (the governing body) and in the date line by default. */
const documents = z.object({ parent: z.string().min(1).max(120), place }).partial();

export const unitsFileSchema = z
  .object({ documents: documents.optional(), clusters: z.array(cluster).min(1) })
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
  /** Abbreviation in document numbers; from units.yaml, else the initials of the name. */
  code: string;
  /** Place in the date line of its documents, when units.yaml gives one. */
  place?: string;
  /** The governing body printed above its name ("Bộ Tư pháp"), when units.yaml gives one. */
  parent?: string;
}

/** "Cục Bổ trợ tư pháp" → "CBTTP": the initials, for a unit without a code. */
const initials = (name: string) =>
  name
    .split(/[\s,–-]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase())
    .join('')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .slice(0, 20);
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
    for (const c of f.clusters)
      for (const u of c.units)
        this.byId.set(u.id, {
          id: u.id,
          name: u.name,
          clusterId: c.id,
          demo: c.demo,
          code: u.code ?? initials(u.name.vi),
          place: u.place ?? c.place ?? f.documents?.place,
          parent: f.documents?.parent,
        });
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
