import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKnowledge, type Knowledge } from '../../src/knowledge/index.js';
import { FAKE_ANSWER, passageIds, startFakeOpenAI, type FakeOpenAI } from '../helpers/fake-openai.js';
import { makeDataDir } from './fixture.js';

const KEY = 'sk-test-SECRET-should-never-appear';
const Q = 'Điều kiện để đạt Chiến sĩ thi đua cơ sở là gì?';

let fake: FakeOpenAI;
let k: Knowledge;
const fallbacks: string[] = [];

beforeAll(async () => {
  fake = await startFakeOpenAI('valid', 1500);
  k = await loadKnowledge({
    dataDir: makeDataDir(),
    llm: { apiKey: KEY, baseURL: fake.baseURL, model: 'fake-model', timeoutMs: 300 },
    onLlmFallback: (r) => fallbacks.push(r),
  });
});
afterAll(() => fake.close());

describe('LLM phrasing (OpenAI wire protocol against a local fake)', () => {
  it('uses a valid answer that cites a retrieved passage, and adds our own sources block', async () => {
    fake.behaviour = 'valid';
    fake.requests.length = 0;
    const a = await k.ask(Q);
    expect(a.source).toBe('llm');
    expect(a.answered).toBe(true);
    expect(a.answer.startsWith(FAKE_ANSWER)).toBe(true);
    expect(a.answer).toContain('Căn cứ:\n- Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(a.citations.map((c) => c.id)).toEqual(['t-cstdcs']);
    // What was sent: the retrieved passages with ids and citations, JSON mode, the key only in the header.
    const req = fake.requests[0];
    expect(req.authorization).toBe(`Bearer ${KEY}`);
    expect(req.body.model).toBe('fake-model');
    expect(req.body.response_format).toEqual({ type: 'json_object' });
    expect(passageIds(req.body)[0]).toBe('t-cstdcs');
    expect(JSON.stringify(req.body)).toContain('Điều 23 Luật Thi đua, khen thưởng số 06/2022/QH15');
    expect(JSON.stringify(req.body)).toContain(Q);
    expect(JSON.stringify(req.body)).not.toContain(KEY);
  });

  const cases: [FakeOpenAI['behaviour'], RegExp][] = [
    ['invalid-json', /not JSON/],
    ['uncited', /no passage cited/],
    ['unknown-id', /not retrieved: khong-co-doan-nay/],
    ['not-answered', /do not answer/],
    ['slow', /timeout after 300 ms/],
    ['http500', /HTTP 500/],
    [() => JSON.stringify({ answer: 42, citations: 'x' }), /does not match/],
  ];
  for (const [behaviour, reason] of cases) {
    it(`falls back to the extractive answer when the model reply is ${typeof behaviour === 'string' ? behaviour : 'of the wrong shape'}`, async () => {
      fake.behaviour = behaviour;
      fallbacks.length = 0;
      const started = Date.now();
      const a = await k.ask(Q);
      expect(a.source).toBe('extractive');
      expect(a.answered).toBe(true);
      expect(a.answer).not.toContain(FAKE_ANSWER);
      expect(a.answer).toMatch(/^Chiến sĩ thi đua cơ sở được xét cho cá nhân/);
      expect(a.citations[0].id).toBe('t-cstdcs');
      expect(fallbacks).toHaveLength(1);
      expect(fallbacks[0]).toMatch(reason);
      expect(fallbacks[0]).not.toContain(KEY);
      expect(Date.now() - started).toBeLessThan(1400);
    });
  }

  it('falls back when the server cannot be reached at all', async () => {
    const down = await startFakeOpenAI();
    const baseURL = down.baseURL;
    await down.close();
    const reasons: string[] = [];
    const k2 = await loadKnowledge({ dataDir: makeDataDir(), llm: { apiKey: KEY, baseURL, timeoutMs: 2000 }, onLlmFallback: (r) => reasons.push(r) });
    const a = await k2.ask(Q);
    expect(a.source).toBe('extractive');
    expect(reasons[0]).toMatch(/Connection/);
  });

  // A model may only rephrase the passages. These replies cite a real passage, so only vetting the content stops them.
  const hostile: [string, string, RegExp][] = [
    ['a number the passages do not have', 'Tỷ lệ CSTĐCS nay là 100%.', /number the passages do not have \(100\)/],
    ['a link', 'Xem hướng dẫn tại http://evil.example/steal?c=1 để được xét.', /link/],
    ['markup', 'Đạt <a href="https://x.example">Lao động tiên tiến</a> là đủ.', /link|markup/],
    ['an instruction to hand over a secret', 'Hãy gửi mã mời của bạn cho cán bộ phụ trách để được xét nhanh.', /asks for something the passages do not/],
    ['contact details', 'Gọi 0912345678 để được xét.', /contact/],
  ];
  for (const [what, text, reason] of hostile) {
    it(`shows the extractive answer, not a phrasing with ${what}`, async () => {
      fake.behaviour = (req) => JSON.stringify({ answer: text, citations: passageIds(req).slice(0, 1), answered: true });
      fallbacks.length = 0;
      const a = await k.ask(Q);
      expect(a.source).toBe('extractive');
      expect(a.answer).not.toContain(text.slice(0, 20));
      expect(a.answer).toMatch(/^Chiến sĩ thi đua cơ sở được xét cho cá nhân/);
      expect(fallbacks[0]).toMatch(reason);
    });
  }

  it('accepts a phrasing whose numbers all come from the passages', async () => {
    fake.behaviour = (req) => JSON.stringify({ answer: 'Cần đạt Lao động tiên tiến; tiền thưởng 1,0 lần lương cơ sở theo Điều 23.', citations: passageIds(req).slice(0, 2), answered: true });
    const a = await k.ask('Chiến sĩ thi đua cơ sở cần gì và được thưởng bao nhiêu?');
    expect(a.source).toBe('llm');
  });

  it('skips a failing model for a while after three failures in a row (no one waits for it)', async () => {
    const down = await startFakeOpenAI('http500');
    const reasons: string[] = [];
    const k3 = await loadKnowledge({ dataDir: makeDataDir(), llm: { apiKey: KEY, baseURL: down.baseURL, timeoutMs: 2000 }, onLlmFallback: (r) => reasons.push(r) });
    for (let i = 0; i < 5; i++) expect((await k3.ask(Q)).source).toBe('extractive');
    expect(down.requests).toHaveLength(3);
    expect(reasons.slice(3).every((r) => /skipped/.test(r))).toBe(true);
    await down.close();
  });

  it('lets the model answer from the closest passages when retrieval is unsure, and still offers the topics it did not use', async () => {
    const unsure = 'Cơ quan tôi muốn làm bảng vàng thi đua treo ở sảnh thì nên thiết kế ra sao?';
    fake.behaviour = 'not-answered';
    const offered = await k.ask(unsure);
    expect(offered.answered).toBe(false);
    expect(offered.suggestions?.length).toBeGreaterThan(1);
    expect(offered.answer).toMatch(/Có phải bạn hỏi về/);

    fake.behaviour = 'valid';
    fake.requests.length = 0;
    const a = await k.ask(unsure);
    expect(fake.requests).toHaveLength(1);
    expect(a.answered).toBe(true);
    expect(a.source).toBe('llm');
    expect(a.answer.startsWith(FAKE_ANSWER)).toBe(true);
    expect(a.suggestions).toBeUndefined();
    const cited = a.citations.map((c) => c.id);
    expect(cited).toEqual([offered.suggestions![0].id]);
    expect(a.related?.map((t) => t.id)).toEqual(offered.suggestions!.slice(1).map((t) => t.id));
  });

  it('does not call the model for a question the knowledge base does not cover', async () => {
    fake.behaviour = 'valid';
    fake.requests.length = 0;
    const a = await k.ask('Thủ tục ly hôn gồm những gì?');
    expect(a.answered).toBe(false);
    expect(fake.requests).toHaveLength(0);
  });
});
