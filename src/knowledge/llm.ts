/**
 * Optional phrasing by an OpenAI-compatible model. The model sees only the retrieved passages and must
 * cite them by id; anything else (bad JSON, no or unknown citation, timeout, HTTP error) is a failure the
 * caller answers extractively instead. The API key is only handed to the client, never logged.
 */
import { z } from 'zod';
import { citeText } from './docs.js';
import type { Passage } from './corpus.js';
import type { Lang } from './analyze.js';

export interface LlmOptions {
  apiKey: string;
  baseURL?: string;
  model?: string;
  /** Whole request budget; default 8 s. */
  timeoutMs?: number;
}

export const DEFAULT_LLM_MODEL = 'gpt-4o-mini';
export const DEFAULT_LLM_TIMEOUT_MS = 8000;

const replySchema = z.object({
  answer: z.string().trim().min(1).max(3500),
  citations: z.array(z.string()),
  answered: z.boolean(),
});

export type LlmResult = { ok: true; answer: string; citations: string[] } | { ok: false; reason: string };

export type Phraser = (question: string, lang: Lang, passages: Passage[]) => Promise<LlmResult>;

function passageBlock(p: Passage): string {
  const body = [p.lead, ...p.bullets.map((b) => `- ${b}`), p.note ? `Lưu ý: ${p.note}` : '', p.en ? `EN: ${p.en}` : ''].filter(Boolean).join('\n');
  const status = p.supersededBy ? 'NO LONGER IN FORCE' : 'in force';
  return `[id: ${p.id}] ${p.title}\nCitation: ${citeText(p, 'vi')} (${status}; confidence: ${p.confidence})\n${body}`;
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
  return async (question, lang, passages) => {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeout);
    try {
      const res = await client.chat.completions.create(
        {
          model,
          temperature: 0,
          response_format: { type: 'json_object' },
          messages: [
            { role: 'system', content: systemPrompt(lang) },
            { role: 'user', content: `Passages:\n\n${passages.map(passageBlock).join('\n\n')}\n\nQuestion: ${question}` },
          ],
        },
        { signal: ctl.signal, timeout, maxRetries: 0 },
      );
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
      return { ok: true, answer: r.data.answer, citations: cited };
    } catch (e) {
      const name = e instanceof Error ? e.constructor.name : 'error';
      const status = (e as { status?: unknown }).status;
      return { ok: false, reason: ctl.signal.aborted ? `timeout after ${timeout} ms` : `${name}${typeof status === 'number' ? ` (HTTP ${status})` : ''}` };
    } finally {
      clearTimeout(timer);
    }
  };
}
