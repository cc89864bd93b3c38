import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Units } from './units.js';
import type { Deadline } from './calendar.js';

/**
 * The cluster's year-end review as data: `data/clusters/<cluster>/review-<year>.yaml`, written by
 * the department. Criteria groups with points and the evidence each asks for, the review's dates,
 * the titles voted on, and the vote's quorum and pass threshold — settings, never law: the legal
 * thresholds of a cluster vote (suy tôn) under the current documents are not known to the bot.
 */
const text = z.object({ vi: z.string().min(1), en: z.string().min(1) });
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be lowercase letters, digits and "-"').max(24);
const localTime = z.string().regex(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?$/, 'must be "YYYY-MM-DD" or "YYYY-MM-DD HH:mm" (local time)');

/** "2/3", "50%", "66.5%": a share, kept exact as a fraction. */
export interface Ratio {
  num: number;
  den: number;
  label: string;
}
export function parseRatio(s: string): Ratio | undefined {
  const t = s.trim();
  const frac = /^(\d+)\s*\/\s*(\d+)$/.exec(t);
  if (frac) {
    const [num, den] = [Number(frac[1]), Number(frac[2])];
    return den > 0 && num <= den ? { num, den, label: `${num}/${den}` } : undefined;
  }
  const pct = /^(\d{1,3})(?:[.,](\d{1,2}))?\s*%$/.exec(t);
  if (pct) {
    const decimals = pct[2] ?? '';
    const den = 100 * 10 ** decimals.length;
    const num = Number(pct[1] + decimals);
    return num <= den ? { num, den, label: `${pct[1]}${decimals ? ',' + decimals : ''}%` } : undefined;
  }
  return undefined;
}
const ratio = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const r = parseRatio(typeof v === 'number' ? `${v}%` : v);
    if (!r) ctx.addIssue({ code: 'custom', message: 'must be a share such as "2/3" or "80%" (at most the whole)' });
    return r as Ratio;
  });

const item = z.object({
  id,
  name: text,
  /** The most points the item gives. */
  max: z.number().positive().max(1000),
  /** What the unit must show for it (a report, a decision, figures …). */
  evidence: text,
});
const group = z.object({ id, name: text, items: z.array(item).min(1) });

export const ATTACHMENT_TYPES = ['pdf', 'doc', 'docx', 'odt', 'xls', 'xlsx', 'jpg', 'jpeg', 'png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

const title = z.object({
  id,
  name: text,
  /** How many candidates the ranking proposes (the cluster head may change the list). */
  propose: z.number().int().min(1).max(50).default(1),
  /** Candidates come from the ranking, or from the units that passed the vote of another title (e.g. the Government flag among the sector-flag winners). */
  from: z.string().default('ranking'),
});

export const reviewFileSchema = z
  .object({
    /** True for an example file: the bot then says the settings are a sample, not the department's or the law's. */
    sample: z.boolean(),
    cluster: id,
    year: z.number().int().min(2000).max(2100),
    name: text.optional(),
    dates: z.object({
      /** Units send their self-assessment by then (reminded through the deadline reminders). */
      selfAssessmentDue: localTime,
      /** The cluster's review meeting (hội nghị tổng kết, bình xét, suy tôn). */
      meeting: localTime,
      place: z.string().min(1).default('Hà Nội'),
      /** Days before the self-assessment deadline to remind late units. */
      offsets: z.array(z.number().int().min(0).max(90)).default([7, 3, 1, 0]),
    }),
    criteria: z.array(group).min(1),
    titles: z.array(title).min(1),
    voting: z.object({
      /** Share of the member units that must vote for the vote to count. */
      quorum: ratio,
      /** Share of "Đồng ý" a candidate needs … */
      pass: ratio,
      /** … of all member units (eligible) or of the ballots cast (voted). */
      passBase: z.enum(['eligible', 'voted']).default('eligible'),
      /** "at-least" = từ … trở lên; "more-than" = trên … */
      comparison: z.enum(['at-least', 'more-than']).default('at-least'),
      /** Where the thresholds come from (a decision of the cluster, the department's guidance …). */
      source: text,
    }),
    report: z
      .object({
        required: z.boolean().default(true),
        maxMB: z.number().positive().max(20).default(10),
        types: z.array(z.enum(ATTACHMENT_TYPES)).min(1).default(['pdf', 'doc', 'docx', 'odt']),
      })
      .default({ required: true, maxMB: 10, types: ['pdf', 'doc', 'docx', 'odt'] }),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.criteria.forEach((g, i) => {
      for (const [k, v] of [[['criteria', i, 'id'], g.id] as const, ...g.items.map((it, j) => [['criteria', i, 'items', j, 'id'], it.id] as const)]) {
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: [...k], message: `duplicate criterion id "${v}"` });
        seen.add(v);
      }
    });
    const titles = new Set<string>();
    f.titles.forEach((t, i) => {
      if (titles.has(t.id)) ctx.addIssue({ code: 'custom', path: ['titles', i, 'id'], message: `duplicate title id "${t.id}"` });
      if (t.from !== 'ranking' && !titles.has(t.from))
        ctx.addIssue({ code: 'custom', path: ['titles', i, 'from'], message: `from must be "ranking" or the id of a title listed before it (got "${t.from}")` });
      titles.add(t.id);
    });
    if (f.dates.meeting.slice(0, 10) < f.dates.selfAssessmentDue.slice(0, 10))
      ctx.addIssue({ code: 'custom', path: ['dates', 'meeting'], message: 'the meeting must not be before the self-assessment deadline' });
  });

export type ReviewFile = z.infer<typeof reviewFileSchema>;
export type Criterion = ReviewFile['criteria'][number]['items'][number] & { group: string };
export type ReviewTitle = ReviewFile['titles'][number];

/** A loaded review file with what the flows need at hand. */
export interface ReviewConfig extends ReviewFile {
  file: string;
  /** Every item of every group, in order. */
  items: Criterion[];
  maxTotal: number;
}

export const REVIEW_FILE = /^review-(\d{4})\.ya?ml$/;
export const reviewPath = (dataDir: string, cluster: string, year: number) => join(dataDir, 'clusters', cluster, `review-${year}.yaml`);

export function toConfig(f: ReviewFile, file: string): ReviewConfig {
  const items = f.criteria.flatMap((g) => g.items.map((it) => ({ ...it, group: g.id })));
  return { ...f, file, items, maxTotal: items.reduce((s, it) => s + it.max, 0) };
}

/** Every review file under data/clusters (path, cluster folder, year of the file name). */
export function reviewFiles(dataDir: string): { file: string; cluster: string; year: number }[] {
  const root = join(dataDir, 'clusters');
  if (!existsSync(root)) return [];
  const out: { file: string; cluster: string; year: number }[] = [];
  for (const cluster of readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort())
    for (const name of readdirSync(join(root, cluster)).sort()) {
      const m = REVIEW_FILE.exec(name);
      if (m) out.push({ file: join(root, cluster, name), cluster, year: Number(m[1]) });
    }
  return out;
}

/** The review files, parsed; a broken one is skipped (kb check reports it at its line). */
export class Reviews {
  private byKey = new Map<string, ReviewConfig>();
  readonly broken: string[] = [];
  constructor(readonly dataDir: string) {
    for (const f of reviewFiles(dataDir)) {
      const r = reviewFileSchema.safeParse(parse(readFileSync(f.file, 'utf8')));
      if (!r.success || r.data.cluster !== f.cluster || r.data.year !== f.year) {
        this.broken.push(f.file);
        continue;
      }
      this.byKey.set(`${f.cluster}|${f.year}`, toConfig(r.data, f.file));
    }
  }
  get(cluster: string, year: number): ReviewConfig | undefined {
    return this.byKey.get(`${cluster}|${year}`);
  }
  all(): ReviewConfig[] {
    return [...this.byKey.values()];
  }
  /** Years with a review file for a cluster, newest first. */
  years(cluster: string): number[] {
    return this.all().filter((c) => c.cluster === cluster).map((c) => c.year).sort((a, b) => b - a);
  }
}

/**
 * The self-assessment deadline of each review as a reminder deadline: the member units' officers
 * and heads are reminded until their self-assessment is sent (completion "review"); the head is
 * told after the last reminder, the cluster head and admins get the late units after the deadline.
 */
export function reviewDeadlines(reviews: Reviews, units: Units): Deadline[] {
  return reviews.all().map((cfg) => {
    const cluster = { vi: units.name(cfg.cluster, 'vi'), en: units.name(cfg.cluster, 'en') };
    const sample = cfg.sample
      ? { vi: 'Ngày trong bảng bình xét là ngày mẫu; bộ phận thi đua – khen thưởng nhập ngày thực tế.', en: 'The date of the review file is a sample; the emulation office enters the real one.' }
      : undefined;
    return {
      id: `rv-${cfg.cluster}-${cfg.year}`,
      year: cfg.year,
      title: {
        vi: `Gửi bản tự đánh giá, chấm điểm thi đua năm ${cfg.year} và báo cáo tổng kết cho ${cluster.vi}`,
        en: `Send the ${cfg.year} self-assessment and year-end report to ${cluster.en}`,
      },
      due: cfg.dates.selfAssessmentDue,
      audience: { roles: ['officer', 'head', 'cluster-head'], clusters: [cfg.cluster] },
      completion: 'review',
      offsets: cfg.dates.offsets,
      escalate: { head: true, late: true },
      ...(sample ? { note: sample } : {}),
    } satisfies Deadline;
  });
}
