/**
 * The base asked its own `asked:` questions (corpus.ts): how many find their passage among the first three
 * (answered or suggested), and which ones the bot would decline as outside its field — an officer asking
 * that way would be turned away, so the writer sees it at `thidua kb check` rather than in a complaint.
 */
import { loadKnowledge } from '../knowledge/index.js';
import type { Issue } from '../domain/yamlpos.js';

export interface AskedReport {
  total: number;
  /** Questions whose passage is among the first three citations or suggestions. */
  found: number;
  /** Questions answered with neither citations nor suggestions, at the line of their passage's `asked:`. */
  declined: Issue[];
}

export async function checkAsked(dataDir: string): Promise<AskedReport> {
  const k = await loadKnowledge({ dataDir });
  const report: AskedReport = { total: 0, found: 0, declined: [] };
  for (const p of k.passages) {
    for (const q of p.asked) {
      report.total++;
      const a = await k.ask(q);
      const ids = (a.answered ? a.citations : a.suggestions ?? []).slice(0, 3).map((c) => c.id);
      if (ids.includes(p.id)) report.found++;
      if (!a.answered && !a.suggestions?.length) report.declined.push({ file: p.file, line: p.keyLines.asked ?? p.line, message: `${p.id}: "${q}" is declined as outside emulation and commendation` });
    }
  }
  return report;
}
