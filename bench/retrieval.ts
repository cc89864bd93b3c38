/**
 * Retrieval latency (DESIGN targets: p95 ≤ 5 ms on the shipped base, ≤ 25 ms at 10,000 passages).
 * Times SearchIndex.search and the whole extractive ask() over the dev and paraphrase questions,
 * on the shipped data and on 10,000 synthetic passages recombined from it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCorpus, type Passage } from '../src/knowledge/corpus.js';
import { loadDocs } from '../src/knowledge/docs.js';
import { SearchIndex, passageFields } from '../src/knowledge/search.js';
import { detectLang } from '../src/knowledge/analyze.js';
import { loadKnowledge } from '../src/knowledge/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = path.join(root, 'data');
const questionFiles = [process.env.EVAL_FILE ?? path.resolve(root, '../shared/eval/dev-questions.jsonl'), path.join(root, 'test/knowledge/paraphrases.jsonl'), path.join(root, 'test/knowledge/near-miss.jsonl')];
const questions = questionFiles.flatMap((f) => {
  try {
    return readFileSync(f, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { q: string }).q);
  } catch {
    return [];
  }
});
const ROUNDS = Number(process.env.ROUNDS ?? 20);

function percentiles(xs: number[]): { p50: number; p95: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { p50: at(50), p95: at(95), p99: at(99), max: s[s.length - 1] };
}

function fmt(label: string, xs: number[]): string {
  const p = percentiles(xs);
  return `${label.padEnd(44)} n=${String(xs.length).padStart(5)}  p50 ${p.p50.toFixed(3)} ms  p95 ${p.p95.toFixed(3)} ms  p99 ${p.p99.toFixed(3)} ms  max ${p.max.toFixed(2)} ms`;
}

function timeSearch(index: SearchIndex): number[] {
  const langs = questions.map((q) => detectLang(q) ?? 'vi');
  for (let i = 0; i < questions.length; i++) index.search(questions[i], langs[i], 8); // warm-up
  const out: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < questions.length; i++) {
      const t = performance.now();
      index.search(questions[i], langs[i], 8);
      out.push(performance.now() - t);
    }
  }
  return out;
}

/** Deterministic pseudo-random numbers (mulberry32), so runs are comparable. */
function rng(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** n passages recombined from the shipped ones: titles, keywords, questions, leads and bullets drawn at random, words shuffled a little. */
function synthetic(base: Passage[], n: number): Passage[] {
  const rand = rng(42);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const bullets = base.flatMap((p) => p.bullets);
  const keywords = base.flatMap((p) => p.keywords);
  const asked = base.flatMap((p) => p.asked);
  const words = base.flatMap((p) => `${p.title} ${p.lead}`.split(/\s+/));
  const mutate = (s: string) => s.split(/\s+/).map((w) => (rand() < 0.15 ? pick(words) : w)).join(' ');
  const out: Passage[] = [];
  for (let i = 0; i < n; i++) {
    const b = pick(base);
    out.push({
      ...b,
      id: `syn-${i}`,
      title: mutate(pick(base).title),
      keywords: Array.from({ length: 3 + Math.floor(rand() * 6) }, () => mutate(pick(keywords))),
      asked: Array.from({ length: 5 }, () => mutate(pick(asked))),
      lead: mutate(pick(base).lead),
      bullets: Array.from({ length: 2 + Math.floor(rand() * 4) }, () => mutate(pick(bullets))),
      en: rand() < 0.5 ? pick(base).en : undefined,
    });
  }
  return out;
}

const corpus = loadCorpus(path.join(dataDir, 'knowledge'));
const { docs } = loadDocs(dataDir);
const fields = (p: Passage) => passageFields(p, docs);
console.log(`retrieval bench: ${questions.length} questions × ${ROUNDS} rounds, Node ${process.version}`);

let t = performance.now();
const shipped = new SearchIndex(corpus.passages.map(fields));
console.log(`shipped base: ${corpus.passages.length} passages, index built in ${(performance.now() - t).toFixed(1)} ms`);
console.log(fmt('  search (shipped)', timeSearch(shipped)));

const k = await loadKnowledge({ dataDir });
const askTimes: number[] = [];
for (const q of questions) await k.ask(q);
for (let r = 0; r < Math.max(1, ROUNDS / 4); r++) {
  for (const q of questions) {
    const s = performance.now();
    await k.ask(q);
    askTimes.push(performance.now() - s);
  }
}
console.log(fmt('  ask() extractive, end to end (shipped)', askTimes));

const syn = synthetic(corpus.passages, 10_000);
t = performance.now();
const big = new SearchIndex(syn.map(fields));
console.log(`synthetic base: ${syn.length} passages, index built in ${(performance.now() - t).toFixed(0)} ms, heap ${(process.memoryUsage().heapUsed / 1e6).toFixed(0)} MB`);
console.log(fmt('  search (10,000 synthetic)', timeSearch(big)));
