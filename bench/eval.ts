/**
 * `npm run eval`: every question of the dev set through the same code as `thidua ask --json`,
 * scored as shared/eval/README.md says (hit when one of the first three citations matches `expect`).
 * EVAL_FILE overrides the question file; `--all` also scores test/knowledge/paraphrases.jsonl and near-miss.jsonl
 * (the exit code follows the dev set only); `--verbose` prints every question; `--llm` uses OPENAI_* when set.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadKnowledge } from '../src/knowledge/index.js';
import { askJson, type AskJson } from '../src/knowledge/cli.js';

interface EvalQuestion {
  id: string;
  q: string;
  expect: { doc: string; article?: string }[];
  outOfScope?: boolean;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const file = process.env.EVAL_FILE ?? path.resolve(root, '../shared/eval/dev-questions.jsonl');
const verbose = process.argv.includes('--verbose');
const useLlm = process.argv.includes('--llm') && !!process.env.OPENAI_API_KEY;

function matches(c: AskJson['citations'][number], e: EvalQuestion['expect'][number]): boolean {
  return c.doc === e.doc && (!e.article || c.article === e.article);
}

const readQuestions = (f: string): EvalQuestion[] =>
  readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as EvalQuestion);

const k = await loadKnowledge({
  dataDir: path.join(root, 'data'),
  llm: useLlm ? { apiKey: process.env.OPENAI_API_KEY!, baseURL: process.env.OPENAI_BASE_URL, model: process.env.OPENAI_MODEL } : undefined,
});

/** Scores one question file; true when hit@3 ≥ 95 % and every out-of-scope question is refused. */
async function score(f: string): Promise<boolean> {
  const questions = readQuestions(f);
  let inScope = 0;
  let hit1 = 0;
  let hit3 = 0;
  let answered = 0;
  let oos = 0;
  let refused = 0;
  const misses: string[] = [];
  for (const q of questions) {
    const r = await askJson(k, q.q);
    const cites = r.citations.slice(0, 3);
    if (q.outOfScope) {
      oos++;
      if (!r.answered) refused++;
      else misses.push(`${q.id} (out of scope, answered): ${q.q} → ${cites.map((c) => c.id).join(', ')}`);
    } else {
      inScope++;
      if (r.answered) answered++;
      const h1 = cites.length > 0 && q.expect.some((e) => matches(cites[0], e));
      const h3 = cites.some((c) => q.expect.some((e) => matches(c, e)));
      if (h1) hit1++;
      if (h3) hit3++;
      if (!h3) misses.push(`${q.id} (miss): ${q.q} → ${r.answered ? cites.map((c) => `${c.doc}:${c.article ?? '-'}`).join(', ') : 'not answered'}; expected ${q.expect.map((e) => `${e.doc}:${e.article ?? '*'}`).join(' or ')}`);
    }
    if (verbose) console.log(`${q.id}\t${r.answered ? 'A' : '-'}\t${r.confidence}\t${cites.map((c) => c.id).join(', ')}\t${q.q}`);
  }
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)} %` : 'n/a');
  console.log(`eval: ${questions.length} questions (${path.relative(process.cwd(), f) || f}), ${k.passages.length} passages${useLlm ? ', with LLM' : ''}`);
  console.log(`hit@1: ${hit1}/${inScope} = ${pct(hit1, inScope)}`);
  console.log(`hit@3: ${hit3}/${inScope} = ${pct(hit3, inScope)}`);
  console.log(`answered (in scope): ${answered}/${inScope}`);
  console.log(`out-of-scope refused: ${refused}/${oos}`);
  for (const m of misses) console.log(`  ${m}`);
  return hit3 / Math.max(1, inScope) >= 0.95 && refused === oos;
}

const ok = await score(file);
if (process.argv.includes('--all')) {
  for (const f of ['paraphrases.jsonl', 'near-miss.jsonl']) {
    console.log('');
    await score(path.join(root, 'test/knowledge', f));
  }
}
process.exitCode = ok ? 0 : 1;
