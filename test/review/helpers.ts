import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from '../../src/app.js';
import type { Reply } from '../../src/bot/types.js';
import { joined, tempDir, user } from '../helpers/app.js';

export const CLUSTER = 'cum-3';
export const UNITS = ['cuc-pbgdpl-tgpl', 'cuc-btp', 'cuc-qlthads', 'cuc-dkgdbd-bthnn', 'cuc-hctp', 'vu-htqt'] as const;
/** Scores per unit (9 items of the sample table: 30, 20, 10, 10, 5, 10, 10, 5 points max — 8 items). */
export const SCORES: Record<string, number[]> = {
  'cuc-pbgdpl-tgpl': [29, 19, 10, 9, 5, 9, 9, 5],
  'cuc-btp': [28, 18, 9, 9, 5, 9, 9, 4],
  'cuc-qlthads': [27, 18, 9, 8, 4, 8, 9, 4],
  'cuc-dkgdbd-bthnn': [25, 16, 8, 8, 4, 8, 8, 4],
  'cuc-hctp': [24, 15, 8, 7, 4, 7, 8, 4],
  'vu-htqt': [22, 14, 7, 7, 3, 7, 7, 3],
};
export const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** A small PDF-looking file (only its first bytes are ever looked at). */
export function pdfFile(name = 'bao-cao-tong-ket-2026.pdf', extra = 2000): string {
  const path = join(tempDir('thidua-pdf-'), name);
  writeFileSync(path, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(extra, 0x20)]));
  return path;
}

export { texts } from '../helpers/data.js';

/** Answers of a self-assessment: one "points; note" per item. */
export const answers = (unit: string) => SCORES[unit].map((s, i) => `${s}; minh chứng ${i + 1} của ${unit}`);

/** Binds heads (the cluster head for the first unit) and returns talkers by unit. */
export async function cluster(app: App) {
  const heads: Record<string, ReturnType<typeof user>> = {};
  for (const u of UNITS) heads[u] = await joined(app, `head-${u}`, u, u === UNITS[0] ? 'cluster-head' : 'head');
  return heads;
}
