import { createInterface } from 'node:readline';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Outbox } from '../outbox.js';
import type { Runtime } from '../runtime.js';
import type { Choice, Incoming, Reply } from '../types.js';

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
 * Lines pasted together (one burst of input on a terminal) are one answer; in piped input a
 * line ending with "\" goes on with the next line.
 */
export interface ConsoleIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  interactive: boolean;
  filesDir: string;
  userName?: string;
  /** Lines that arrive in one burst are one message (default: when interactive). */
  groupPastes?: boolean;
}

/** How long a burst of pasted lines may take to arrive (a terminal delivers a paste in one or a few chunks). */
const PASTE_MS = 25;

/** Lets proactive messages (reminders, notifications) reach the terminal; call before the scheduler starts. */
export function registerConsoleSender(outbox: Outbox, io: Pick<ConsoleIO, 'output' | 'filesDir'>): void {
  outbox.register({
    platform: 'console',
    async send(_chatId, reply) {
      io.output.write('\n' + renderConsole(reply, io.filesDir) + '\n');
    },
  });
}

/** Lines of input grouped into messages: a paste burst, or lines joined by a trailing "\". Listens at once. */
function messages(rl: ReturnType<typeof createInterface>, group: boolean): AsyncGenerator<string> {
  const ready: string[] = [];
  let burst: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  let carry: string[] = [];
  const push = (text: string) => {
    ready.push(text);
    wake?.();
  };
  const flush = () => {
    timer = undefined;
    const lines = burst.map((l) => l.trimEnd()).filter((l) => l.trim());
    burst = [];
    if (lines.length) push(lines.join('\n'));
  };
  rl.on('line', (line) => {
    if (group) {
      burst.push(line);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, PASTE_MS);
      return;
    }
    if (/\\\s*$/.test(line)) {
      carry.push(line.replace(/\\\s*$/, ''));
      return;
    }
    const text = [...carry, line].join('\n');
    carry = [];
    if (text.trim()) push(text);
  });
  rl.once('close', () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
    if (carry.join('').trim()) push(carry.join('\n'));
    closed = true;
    wake?.();
  });
  return (async function* () {
    while (true) {
      if (ready.length) {
        yield ready.shift()!;
        continue;
      }
      if (closed) return;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  })();
}

export async function runConsole(runtime: Runtime, io: ConsoleIO): Promise<void> {
  const write = (s: string) => io.output.write(s + '\n');
  if (!runtime.services.outbox.has('console')) registerConsoleSender(runtime.services.outbox, io);
  let lastChoices: Choice[] = [];
  let lettered = false;
  const base: Omit<Incoming, 'text' | 'action'> = { platform: 'console', chatId: CONSOLE_CHAT, userId: CONSOLE_USER, userName: io.userName, chatType: 'private' };
  const show = (replies: Reply[]) => {
    lastChoices = [];
    for (const r of replies) {
      write(renderConsole(r, io.filesDir));
      if (r.choices?.length) {
        lastChoices = r.choices;
        lettered = r.expects === 'number';
      }
    }
  };
  const rl = createInterface({ input: io.input, output: io.interactive ? io.output : undefined, terminal: io.interactive });
  const inputs = messages(rl, io.groupPastes ?? io.interactive);
  // After a restart mid-form, the question the person was at is asked again.
  show(await runtime.resume(base));
  if (io.interactive) {
    rl.setPrompt('> ');
    rl.prompt();
  }
  for await (const text of inputs) {
    const one = text.trim();
    const n = lettered ? one.toLowerCase().charCodeAt(0) - 96 : Number(one);
    const picked = (lettered ? /^[a-z]$/i.test(one) : /^\d+$/.test(one)) && n >= 1 && n <= lastChoices.length ? lastChoices[n - 1] : undefined;
    show(await runtime.handle({ ...base, ...(picked ? { action: picked.value } : { text: text.includes('\n') ? text : one }) }));
    if (io.interactive) {
      write('');
      rl.prompt();
    }
  }
}
