import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/app.js';
import type { Namespace, Write } from '../../src/bot/store.js';

/**
 * For crash tests in a child process: SIGKILLs the process right after the write that stores a
 * record of namespace `ns` with the given `status` — whichever way it is written (a batch or a set).
 */
export function dieAfterStoring(app: App, ns: Namespace, status: string) {
  const die = () => {
    process.kill(process.pid, 'SIGKILL');
    return new Promise<never>(() => undefined);
  };
  const stores = (n: Namespace, value: unknown) => n === ns && (value as { status?: string } | undefined)?.status === status;
  const { store } = app;
  const batch = store.batch.bind(store);
  store.batch = async (writes: Write[]) => {
    await batch(writes);
    if (writes.some((w) => stores(w.ns, w.value))) await die();
  };
  const repo = store.ns(ns);
  const set = repo.set.bind(repo);
  repo.set = async (key, value, ttl) => {
    const ok = await set(key, value, ttl);
    if (stores(ns, value)) await die();
    return ok;
  };
}

/** Records every console message the bot's child processes POST to it, outside them. */
export async function receiver() {
  const got: { chatId: string; text: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push(JSON.parse(body));
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  /** Messages to a chat containing `text`. */
  const to = (chatId: string, text: string) => got.filter((m) => m.chatId === chatId && m.text.includes(text));
  return { got, url, to, close: () => server.close() };
}

/** Runs a TypeScript fixture in a child process until it exits (or is killed); its output for failures. */
export function life(script: string, args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c) => (out += c));
  child.stderr!.on('data', (c) => (out += c));
  return new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, out })));
}
