/**
 * Cold `thidua ask` (DESIGN target ≤ 1.5 s): wall time of a fresh `node --import tsx src/cli.ts ask "…" --json`
 * process, several runs. Falls back to a tiny script calling askMain when src/cli.ts is absent.
 * No LLM: OPENAI_API_KEY is removed from the child's environment.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 7);
const question = process.argv[2] ?? 'Chiến sĩ thi đua cơ sở cần những điều kiện gì?';

let args: string[];
let what: string;
if (existsSync(path.join(root, 'src/cli.ts'))) {
  args = ['--import', 'tsx', 'src/cli.ts', 'ask', question, '--json'];
  what = 'node --import tsx src/cli.ts ask "…" --json';
} else {
  const script = path.join(mkdtempSync(path.join(tmpdir(), 'ask-cold-')), 'ask.mts');
  const cli = pathToFileURL(path.join(root, 'src/knowledge/cli.ts')).href;
  writeFileSync(script, `import { askMain } from ${JSON.stringify(cli)};\nprocess.exitCode = await askMain(process.argv.slice(2), { dataDir: ${JSON.stringify(path.join(root, 'data'))} });\n`);
  args = ['--import', 'tsx', script, question, '--json'];
  what = 'node --import tsx <script calling askMain> "…" --json';
}

const env = { ...process.env };
delete env.OPENAI_API_KEY;
const times: number[] = [];
let last = '';
for (let i = 0; i < RUNS + 1; i++) {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) {
    console.error(`run failed (exit ${r.status}): ${r.stderr}`);
    process.exit(1);
  }
  last = r.stdout;
  if (i > 0) times.push(ms); // the first run warms the OS file cache and tsx's transform cache
}
times.sort((a, b) => a - b);
const answer = JSON.parse(last) as { answered: boolean; citations: { id: string }[] };
console.log(`ask-cold: ${what}`);
console.log(`  ${RUNS} runs after one warm-up: min ${times[0].toFixed(0)} ms, median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms`);
console.log(`  answered: ${answer.answered}, first citation: ${answer.citations[0]?.id ?? '-'}`);
