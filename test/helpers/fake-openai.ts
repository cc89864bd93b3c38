import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local fake of the OpenAI chat.completions API on 127.0.0.1, speaking the real wire protocol:
 * `POST /v1/chat/completions` with a JSON body, answered with a `chat.completion` object (or an
 * OpenAI-style error). What the "model" says is set by `behaviour`:
 * - `valid`: a JSON answer citing the first passage id found in the prompt
 * - `invalid-json`: content that is not JSON
 * - `uncited`: valid JSON with no citations
 * - `unknown-id`: valid JSON citing a passage that was not sent
 * - `not-answered`: valid JSON with answered: false
 * - `slow`: a valid answer after `delayMs`
 * - `http500`: HTTP 500 with an error body
 * - a function: returns the assistant's content for a request
 */
export type Behaviour = 'valid' | 'invalid-json' | 'uncited' | 'unknown-id' | 'not-answered' | 'slow' | 'http500' | ((req: ChatRequest) => string);

export interface ChatRequest {
  model: string;
  messages: { role: string; content: string }[];
  response_format?: { type: string };
  [k: string]: unknown;
}

export interface RecordedRequest {
  path: string;
  authorization?: string;
  body: ChatRequest;
}

export interface FakeOpenAI {
  /** e.g. http://127.0.0.1:PORT/v1 — what the openai client takes as baseURL. */
  baseURL: string;
  behaviour: Behaviour;
  delayMs: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export const FAKE_ANSWER = 'Câu trả lời của mô hình (giả lập): đạt tiêu chuẩn Lao động tiên tiến và hoàn thành xuất sắc nhiệm vụ.';

/** Passage ids as the knowledge engine writes them in the prompt: "[id: …]". */
export function passageIds(req: ChatRequest): string[] {
  const text = req.messages.map((m) => m.content).join('\n');
  return [...text.matchAll(/\[id: ([^\]]+)\]/g)].map((m) => m[1]);
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function content(b: Behaviour, req: ChatRequest): string {
  if (typeof b === 'function') return b(req);
  const ids = passageIds(req);
  switch (b) {
    case 'invalid-json':
      return 'Đây không phải JSON {answer: ...';
    case 'uncited':
      return JSON.stringify({ answer: FAKE_ANSWER, citations: [], answered: true });
    case 'unknown-id':
      return JSON.stringify({ answer: FAKE_ANSWER, citations: [ids[0], 'khong-co-doan-nay'], answered: true });
    case 'not-answered':
      return JSON.stringify({ answer: 'Không đủ thông tin.', citations: [], answered: false });
    default:
      return JSON.stringify({ answer: FAKE_ANSWER, citations: ids.slice(0, 1), answered: true });
  }
}

export async function startFakeOpenAI(behaviour: Behaviour = 'valid', delayMs = 2000): Promise<FakeOpenAI> {
  const sockets = new Set<import('node:net').Socket>();
  const fake: FakeOpenAI = {
    baseURL: '',
    behaviour,
    delayMs,
    requests: [],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server: Server = createServer(async (req, res) => {
    const raw = await read(req);
    if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
      send(res, 404, { error: { message: `Unknown request URL: ${req.method} ${req.url}`, type: 'invalid_request_error', code: 'unknown_url' } });
      return;
    }
    let body: ChatRequest;
    try {
      body = JSON.parse(raw) as ChatRequest;
    } catch {
      send(res, 400, { error: { message: 'We could not parse the JSON body of your request.', type: 'invalid_request_error' } });
      return;
    }
    fake.requests.push({ path: req.url, authorization: req.headers.authorization, body });
    if (fake.behaviour === 'http500') {
      send(res, 500, { error: { message: 'The server had an error while processing your request.', type: 'server_error' } });
      return;
    }
    if (fake.behaviour === 'slow') await new Promise((r) => setTimeout(r, fake.delayMs));
    if (res.destroyed) return;
    send(res, 200, {
      id: `chatcmpl-fake${fake.requests.length}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: body.model,
      choices: [{ index: 0, message: { role: 'assistant', content: content(fake.behaviour, body), refusal: null }, logprobs: null, finish_reason: 'stop' }],
      usage: { prompt_tokens: 100, completion_tokens: 20, total_tokens: 120 },
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  return fake;
}
