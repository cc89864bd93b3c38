/**
 * Optional phrasing by an OpenAI-compatible model. The model sees only the retrieved passages and must
 * cite them by id; anything else (bad JSON, no or unknown citation, timeout, HTTP error) is a failure the
 * caller answers extractively instead. A reply is also vetted before anyone reads it (see `vet`): the model
 * may only rephrase, so a number, a link, markup or an instruction that the passages do not contain rejects
 * it. After repeated failures the model is skipped for a while (circuit breaker), so a dead or hanging
 * service costs no one an 8-second wait. The API key is only handed to the client, never logged.
 */
import { z } from 'zod';
import type { Composer } from './answer.js';
import { passageStatus, type Passage } from './corpus.js';
import type { BaseSalary } from './docs.js';
import type { Lang } from './analyze.js';
import { renderMoney } from './money.js';
import { fold } from '../text/vntext.js';

export interface LlmOptions {
  apiKey: string;
  baseURL?: string;
  model?: string;
  /** Whole request budget; default 8 s (OPENAI_TIMEOUT_MS). */
  timeoutMs?: number;
}

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';
export const DEFAULT_LLM_TIMEOUT_MS = 8000;
/** Consecutive failures that open the circuit, and how long the model is then skipped. */
export const BREAKER = { failures: 3, coolDownMs: 60_000 };
/** Longest phrasing accepted (the extractive answer is used beyond it). */
export const MAX_PHRASING = 1800;

const replySchema = z.object({
  answer: z.string().trim().min(1).max(3500),
  citations: z.array(z.string()),
  answered: z.boolean(),
});

export type LlmResult = { ok: true; answer: string; citations: string[]; salary?: BaseSalary } | { ok: false; reason: string };

export type Phraser = (question: string, k: Composer, passages: Passage[]) => Promise<LlmResult>;

/** A passage as the model sees it: money computed for the day, its legal status spelled out. */
function passageBlock(p: Passage, k: Composer): { text: string; salary?: BaseSalary } {
  const body = [p.lead, ...p.bullets.map((b) => `- ${b}`), p.note ? `Lưu ý: ${p.note}` : '', p.en ? `EN: ${p.en}` : ''].filter(Boolean).join('\n');
  const status = passageStatus(p, k.docs, k.day).inForce ? 'in force' : 'NO LONGER IN FORCE';
  const r = renderMoney(body, k.docs, k.day, 'vi');
  return { text: `[id: ${p.id}] ${p.title}\nCitation: ${k.docs.cite(p, 'vi')} (${status}; confidence: ${p.confidence})\n${r.text}`, salary: r.salary };
}

const NUMBER = /\d+(?:[.,/]\d+)*/g;
const LINK = /https?:\/\/|www\.|\b[\w-]+\.(?:com|net|org|vn|io|info|example|xyz|ru|cn)\b/i;
const MARKUP = /<\/?[a-z!][^>]*>|\[[^\]]*\]\([^)]*\)|```|javascript:/i;
const CONTACT = /[\w.+-]+@[\w-]+\.[\w.]+|(?:\+?84|0)\d{8,10}\b/;
/** Requests a phrasing must never add: secrets, sign-ins, payments, links to follow. */
const ASKS = ['ma moi', 'mat khau', 'password', 'otp', 'token', 'dang nhap', 'login', 'bam vao', 'nhap vao', 'click', 'truy cap', 'chuyen khoan', 'tai khoan ngan hang', 'invite code', 'sign in'];

/** Why a phrasing may not be shown, or undefined when it only says what the sources say. */
export function vet(answer: string, sources: string): string | undefined {
  if (answer.length > MAX_PHRASING) return `phrasing longer than ${MAX_PHRASING} characters`;
  if (LINK.test(answer)) return 'phrasing contains a link';
  if (MARKUP.test(answer)) return 'phrasing contains markup';
  if (CONTACT.test(answer)) return 'phrasing contains contact details';
  const src = ` ${fold(sources).replace(/[^a-z0-9]+/g, ' ')} `;
  const said = ` ${fold(answer).replace(/[^a-z0-9]+/g, ' ')} `;
  const ask = ASKS.find((w) => said.includes(` ${w} `) && !src.includes(` ${w} `));
  if (ask) return `phrasing asks for something the passages do not ("${ask}")`;
  const known = new Set<string>();
  for (const m of sources.matchAll(NUMBER)) {
    known.add(m[0].replace(/,/g, '.'));
    for (const part of m[0].split(/[.,/]/)) known.add(String(Number(part)));
  }
  for (const m of answer.matchAll(NUMBER)) {
    const n = m[0].replace(/,/g, '.');
    if (known.has(n)) continue;
    if (!m[0].split(/[.,/]/).every((part) => known.has(String(Number(part))))) return `phrasing states a number the passages do not have (${m[0]})`;
  }
  return undefined;
}

function systemPrompt(lang: Lang): string {
  return [
    'You help emulation-and-commendation officers of Vietnam\'s Ministry of Justice.',
    'Answer ONLY from the passages given by the user. Do not add facts, numbers, deadlines or quotas that are not in them.',
    'If the passages do not answer the question, set "answered" to false.',
    'Say clearly when a passage is NO LONGER IN FORCE or has low confidence.',
    `Write the answer in ${lang === 'en' ? 'English' : 'Vietnamese'}, concise (at most about 150 words), plain text with "- " bullets if useful; do not add a list of sources, it is added for you.`,
    'Reply with one JSON object: {"answer": string, "citations": [ids of the passages you used], "answered": boolean}.',
  ].join('\n');
}

/** The client library is loaded only when an LLM is configured (it costs ~0.25 s at start-up). */
export async function createPhraser(opts: LlmOptions): Promise<Phraser> {
  const { default: OpenAI } = await import('openai');
  const timeout = opts.timeoutMs ?? DEFAULT_LLM_TIMEOUT_MS;
  const client = new OpenAI({ apiKey: opts.apiKey, baseURL: opts.baseURL, timeout, maxRetries: 0 });
  const model = opts.model ?? DEFAULT_LLM_MODEL;
  let failures = 0;
  let openUntil = 0;
  return async (question, k, passages) => {
    if (Date.now() < openUntil) return { ok: false, reason: `model skipped for a while after ${BREAKER.failures} failures in a row` };
    const blocks = passages.map((p) => passageBlock(p, k));
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeout);
    /** The service failed (not the reply's content): counts towards opening the circuit. */
    const down = (reason: string): LlmResult => {
      if (++failures >= BREAKER.failures) openUntil = Date.now() + BREAKER.coolDownMs;
      return { ok: false, reason };
    };
    try {
      const res = await client.chat.completions.create(
        {
          model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: systemPrompt(k.lang) },
            { role: 'user', content: `Passages:\n\n${blocks.map((b) => b.text).join('\n\n')}\n\nQuestion: ${question}` },
          ],
        },
        { signal: ctl.signal, timeout, maxRetries: 0 },
      );
      failures = 0;
      const content = res.choices?.[0]?.message?.content;
      if (!content) return { ok: false, reason: 'empty reply' };
      let json: unknown;
      try {
        json = JSON.parse(content);
      } catch {
        return { ok: false, reason: 'reply is not JSON' };
      }
      const r = replySchema.safeParse(json);
      if (!r.success) return { ok: false, reason: 'reply does not match {answer, citations, answered}' };
      if (!r.data.answered) return { ok: false, reason: 'model says the passages do not answer' };
      const known = new Set(passages.map((p) => p.id));
      const cited = [...new Set(r.data.citations)];
      if (cited.length === 0) return { ok: false, reason: 'no passage cited' };
      const unknown = cited.filter((id) => !known.has(id));
      if (unknown.length) return { ok: false, reason: `cites passages that were not retrieved: ${unknown.join(', ').slice(0, 200)}` };
      const usedBlocks = passages.map((p, i) => (cited.includes(p.id) ? blocks[i] : undefined)).filter((b) => b !== undefined);
      const why = vet(r.data.answer, `${usedBlocks.map((b) => b.text).join('\n')}\n${question}`);
      if (why) return { ok: false, reason: why };
      const salary = usedBlocks.find((b) => b.salary)?.salary;
      return { ok: true, answer: r.data.answer, citations: cited, ...(salary ? { salary } : {}) };
    } catch (e) {
      const name = e instanceof Error ? e.constructor.name : 'error';
      const status = (e as { status?: unknown }).status;
      return down(ctl.signal.aborted ? `timeout after ${timeout} ms` : `${name}${typeof status === 'number' ? ` (HTTP ${status})` : ''}`);
    } finally {
      clearTimeout(timer);
    }
  };
}
