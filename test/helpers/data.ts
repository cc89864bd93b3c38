import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { App } from '../../src/app.js';
import type { Reply } from '../../src/bot/types.js';
import { tempDir } from './app.js';

/**
 * A DATA_DIR like ./data: every shipped entry linked except those `without` names, then `files`
 * written into it (e.g. a calendar.yaml of the test's own).
 */
export function dataDir(opts: { without?: string[]; files?: Record<string, string> } = {}): string {
  const dir = join(tempDir('thidua-data-'), 'data');
  mkdirSync(dir);
  const skip = new Set([...(opts.without ?? []), ...Object.keys(opts.files ?? {})]);
  for (const f of readdirSync(resolve('data'))) if (!skip.has(f)) symlinkSync(resolve('data', f), join(dir, f));
  for (const [name, text] of Object.entries(opts.files ?? {})) writeFileSync(join(dir, name), text);
  return dir;
}

/** What the outbox delivered on the console platform (notices to other people), in order. */
export interface Sent {
  chatId: string;
  reply: Reply;
}

/** Records the console's deliveries; `fail(chatId)` makes a delivery to that chat throw (not recorded). */
export function recordConsole(app: App, fail?: (chatId: string) => boolean): Sent[] {
  const sent: Sent[] = [];
  app.services.outbox.register({
    platform: 'console',
    async send(chatId, reply) {
      if (fail?.(chatId)) throw new Error('chat not found');
      sent.push({ chatId, reply });
    },
  });
  return sent;
}

/** The texts of replies, joined. */
export const texts = (rs: Reply[]) => rs.map((r) => r.text).join('\n---\n');
