import { createInterface } from 'node:readline';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outbox } from '../outbox.js';
import type { Runtime } from '../runtime.js';
import type { Choice, Reply } from '../types.js';

export const CONSOLE_USER = 'console-user';
export const CONSOLE_CHAT = 'console';

/** Options are numbered; when the question wants a number they are lettered (a, b, c), so a typed number is the answer. */
const optionTag = (reply: Reply, i: number) => (reply.expects === 'number' ? String.fromCharCode(97 + i) : String(i + 1));

/** Renders a reply as terminal text; choices become numbered (or lettered) options. */
export function renderConsole(reply: Reply, filesDir: string): string {
  const lines = [reply.text];
  reply.choices?.forEach((c, i) => lines.push(`  ${optionTag(reply, i)}) ${c.label}`));
  if (reply.file) {
    mkdirSync(filesDir, { recursive: true });
    const path = join(filesDir, reply.file.name);
    writeFileSync(path, reply.file.bytes);
    lines.push(`📎 ${path}`);
  }
  return lines.join('\n');
}

/**
 * The terminal adapter. Interactive on a TTY; otherwise reads stdin line by line, prints each
 * reply and resolves at end of input. A bare number picks one of the last numbered options.
 */
export interface ConsoleIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  filesDir: string;
  userName?: string;
}

/** Lets proactive messages (reminders, notifications) reach the terminal; call before the scheduler starts. */
export function registerConsoleSender(outbox: Outbox, io: Pick<ConsoleIO, 'output' | 'filesDir'>): void {
  outbox.register({
    platform: 'console',
    async send(_chatId, reply) {
      io.output.write('\n' + renderConsole(reply, io.filesDir) + '\n');
    },
  });
}

export async function runConsole(runtime: Runtime, io: ConsoleIO): Promise<void> {
  const write = (s: string) => io.output.write(s + '\n');
  if (!runtime.services.outbox.has('console')) registerConsoleSender(runtime.services.outbox, io);
  let lastChoices: Choice[] = [];
  let lettered = false;
  const rl = createInterface({ input: io.input, output: io.interactive ? io.output : undefined, terminal: io.interactive });
  if (io.interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const line of rl) {
    const text = line.trim();
    if (!text) {
      if (io.interactive) rl.prompt();
      continue;
    }
    const n = lettered ? text.toLowerCase().charCodeAt(0) - 96 : Number(text);
    const picked = (lettered ? /^[a-z]$/i.test(text) : /^\d+$/.test(text)) && n >= 1 && n <= lastChoices.length ? lastChoices[n - 1] : undefined;
    const replies = await runtime.handle({
      platform: 'console',
      chatId: CONSOLE_CHAT,
      userId: CONSOLE_USER,
      userName: io.userName,
      chatType: 'private',
      ...(picked ? { action: picked.value } : { text }),
    });
    lastChoices = [];
    for (const r of replies) {
      write(renderConsole(r, io.filesDir));
      if (r.choices?.length) {
        lastChoices = r.choices;
        lettered = r.expects === 'number';
      }
    }
    if (io.interactive) {
      write('');
      rl.prompt();
    }
  }
}
