/** `thidua kb check` (wired into src/cli.ts): every data file checked, `file:line` errors, exit 1 on any. */
import { formatIssue } from '../domain/yamlpos.js';
import { checkData } from './index.js';

export async function kbCheckMain(_args: string[], env: { dataDir: string; out?: (text: string) => void }): Promise<number> {
  const out = env.out ?? ((s: string) => void process.stdout.write(s));
  const { issues, review, counts, asked } = await checkData(env.dataDir);
  for (const i of issues) out(`${formatIssue(i)}\n`);
  if (review.length) {
    out(`kb check: ${review.length} passage(s) to review — they cite a document no longer in force without naming its successor:\n`);
    for (const i of review) out(`  ${formatIssue(i)}\n`);
  }
  if (asked?.declined.length) {
    out(`kb check: ${asked.declined.length} asked question(s) the bot declines — an officer asking that way would be turned away:\n`);
    for (const i of asked.declined) out(`  ${formatIssue(i)}\n`);
  }
  const what = `${counts.passages} passages in ${counts.files} files, ${counts.documents} documents, ${counts.titles} titles, ${counts.curated} curated answers${counts.other.length ? `, ${counts.other.join(', ')}` : ''}`;
  const found = asked ? `; asked questions: ${asked.found}/${asked.total} find their passage in the top 3` : '';
  if (issues.length) {
    out(`kb check: ${issues.length} error(s) (${what})\n`);
    return 1;
  }
  out(`kb check: OK — ${what}${found}\n`);
  return 0;
}
