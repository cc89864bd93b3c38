/** `thidua ask` (wired into src/cli.ts). */
import { createInterface } from 'node:readline';
import { loadKnowledge, type Answer, type Knowledge, type LlmOptions } from './index.js';

export interface CliEnv {
  dataDir: string;
  llm?: LlmOptions;
  timeZone?: string;
  /** Defaults: process.stdin / process.stdout / process.stderr. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/**
 * The `--json` contract: `{ answered, answer, citations: [{ doc, article, clause?, title, id }], confidence }`,
 * plus `suggestions: [{ id, title }]` when the question is in the domain but the engine offers close topics
 * instead of answering.
 */
export interface AskJson {
  answered: boolean;
  answer: string;
  citations: { doc: string; article: string | null; clause?: string; title: string; id: string }[];
  confidence: number;
  suggestions?: { id: string; title: string }[];
}

export function toAskJson(a: Answer): AskJson {
  return {
    answered: a.answered,
    answer: a.answer,
    citations: a.citations.map((c) => ({ doc: c.doc, article: c.article ?? null, ...(c.clause ? { clause: c.clause } : {}), title: c.title, id: c.id })),
    confidence: a.confidence,
    ...(a.suggestions?.length ? { suggestions: a.suggestions.map((s) => ({ id: s.id, title: s.title })) } : {}),
  };
}

/** What `thidua ask --json` prints for one question (used by bench/eval.ts too). */
export async function askJson(k: Knowledge, question: string, locale?: 'vi' | 'en'): Promise<AskJson> {
  return toAskJson(await k.ask(question, locale ? { locale } : {}));
}

const USAGE = 'Cách dùng / usage: thidua ask "câu hỏi" [--json] [--locale vi|en]   (không có câu hỏi: đọc từng dòng từ stdin / no question: one per line from stdin)';

export async function askMain(args: string[], env: CliEnv): Promise<number> {
  const out = env.out ?? ((s: string) => void process.stdout.write(s));
  const err = env.err ?? ((s: string) => void process.stderr.write(s));
  let json = false;
  let locale: 'vi' | 'en' | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    if (a === '--json') json = true;
    else if (a === '--locale' || a.startsWith('--locale=')) {
      const v = a.includes('=') ? a.split('=')[1] : args[++i];
      if (v !== 'vi' && v !== 'en') {
        err(`${USAGE}\n`);
        return 2;
      }
      locale = v;
    } else if (a === '--help' || a === '-h') {
      out(`${USAGE}\n`);
      return 0;
    } else if (a.startsWith('--')) {
      err(`unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else words.push(a);
  }
  const stdin = env.stdin ?? process.stdin;
  if (words.length === 0 && (stdin as { isTTY?: boolean }).isTTY) {
    err(`${USAGE}\n`);
    return 2;
  }

  let k: Knowledge;
  try {
    k = await loadKnowledge({ dataDir: env.dataDir, llm: env.llm, timeZone: env.timeZone });
  } catch (e) {
    err(`kb: cannot load the knowledge base from ${env.dataDir}: ${(e as Error).message}\n`);
    return 1;
  }
  if (k.issues.length) err(`kb: ${k.issues.length} problem(s) in the knowledge base, run \`thidua kb check\`\n`);

  const answerOne = async (q: string) => {
    const a = await k.ask(q, locale ? { locale } : {});
    out(json ? `${JSON.stringify(toAskJson(a))}\n` : `${a.answer}\n`);
  };

  if (words.length > 0) {
    await answerOne(words.join(' '));
    return 0;
  }
  const rl = createInterface({ input: stdin, crlfDelay: Infinity });
  let first = true;
  for await (const line of rl) {
    const q = line.trim();
    if (!q) continue;
    if (!json && !first) out('\n');
    first = false;
    await answerOne(q);
  }
  return 0;
}

