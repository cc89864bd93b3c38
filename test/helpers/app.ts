import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { createApp, type App } from '../../src/app.js';
import type { Incoming, Reply, Role } from '../../src/bot/types.js';
import { configureLog } from '../../src/log.js';

configureLog({ level: 'silent' });

/** A controllable clock. */
export function clock(start = '2026-12-01T02:00:00Z') {
  let t = new Date(start).getTime();
  return {
    now: () => new Date(t),
    set: (iso: string) => (t = new Date(iso).getTime()),
    advance: (ms: number) => (t += ms),
  };
}

export function tempDir(prefix = 'thidua-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An app on an in-memory store (or the given STORE_URL), with no adapters. */
export async function testApp(opts: { env?: Record<string, string>; now?: () => Date } = {}): Promise<App> {
  const config = loadConfig({ STORE_URL: 'memory://', LOG_LEVEL: 'silent', ...opts.env });
  return createApp(config, { now: opts.now });
}

/** Talks to the runtime as one console user; `say` returns the reply texts joined. */
export function user(app: App, id = 'u1', extra: Partial<Incoming> = {}) {
  const base = { platform: 'console' as const, chatId: `chat-${id}`, userId: id, chatType: 'private' as const, ...extra };
  return {
    id,
    async send(text: string): Promise<Reply[]> {
      return app.runtime.handle({ ...base, text });
    },
    async say(text: string): Promise<string> {
      return (await app.runtime.handle({ ...base, text })).map((r) => r.text).join('\n---\n');
    },
    async press(value: string): Promise<Reply[]> {
      return app.runtime.handle({ ...base, action: value });
    },
    async submit(form: Record<string, unknown>): Promise<Reply[]> {
      return app.runtime.handle({ ...base, form });
    },
  };
}

/** Binds a console user to a unit with a role through a real invite. */
export async function joined(app: App, id: string, unitId: string, role: Role = 'officer') {
  const inv = await app.services.people.createInvite(unitId, role, { now: app.services.now() });
  const u = user(app, id);
  const text = await u.say(`/thamgia ${inv.code}`);
  if (!text.includes('✅')) throw new Error(`join failed: ${text}`);
  return u;
}
