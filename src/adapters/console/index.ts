import { createInterface } from 'node:readline';
import { closeSync, mkdirSync, openSync, readSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Outbox } from '../../core/outbox.js';
import type { Runtime } from '../../core/runtime.js';
import type { Choice, Incoming, IncomingFile, Reply } from '../../core/types.js';

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
  /**
   * `thidua chat --user NAME`: the terminal is that person (user and chat id NAME) on the shared
   * store, so several people can be scripted from one terminal; messages for other console
   * people are not shown here (their sends fail, as for a platform that is not running).
   */
  user?: string;
}

/** The console identity of a terminal. */
export const consoleIdentity = (io: Pick<ConsoleIO, 'user'>) => (io.user ? { userId: io.user, chatId: io.user } : { userId: CONSOLE_USER, chatId: CONSOLE_CHAT });

/** How long a burst of pasted lines may take to arrive (a terminal delivers a paste in one or a few chunks). */
const PASTE_MS = 25;

/** Lets proactive messages (reminders, notifications) reach the terminal; call before the scheduler starts. */
export function registerConsoleSender(outbox: Outbox, io: Pick<ConsoleIO, 'output' | 'filesDir' | 'user'>): void {
  const mine = consoleIdentity(io).chatId;
  outbox.register({
    platform: 'console',
    accepts: (chatId) => !io.user || chatId === mine,
    async send(chatId, reply) {
      if (io.user && chatId !== mine) throw new Error(`console person "${chatId}" is not at this terminal`);
      io.output.write('\n' + renderConsole(reply, io.filesDir) + '\n');
    },
  });
}

/**
 * A line naming a file: "@path", or a path ("/…", "./…", "~/…") of an existing regular file.
 * The file is read only when the flow asks for it, at most `maxBytes`; it is never run.
 */
export function fileFromLine(text: string): { file?: IncomingFile; missing?: string } {
  const at = text.startsWith('@');
  const raw = at ? text.slice(1).trim() : text;
  if (!at && !/^(\/|\.\.?\/|~\/)\S/.test(raw)) return {};
  const path = resolve(raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return at ? { missing: raw } : {};
    size = st.size;
  } catch {
    return at ? { missing: raw } : {};
  }
  return {
    file: {
      name: basename(path),
      size,
      async fetch(maxBytes: number) {
        const now = statSync(path).size;
        if (now > maxBytes) throw Object.assign(new Error('file too large'), { size: now });
        const fd = openSync(path, 'r');
        try {
          const buf = Buffer.alloc(now);
          let off = 0;
          while (off < now) {
            const n = readSync(fd, buf, off, now - off, off);
            if (n === 0) break;
            off += n;
          }
          return new Uint8Array(buf.subarray(0, off));
        } finally {
          closeSync(fd);
        }
      },
    },
  };
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
  const base: Omit<Incoming, 'text' | 'action'> = { platform: 'console', ...consoleIdentity(io), userName: io.userName, chatType: 'private' };
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
    const named = picked || text.includes('\n') ? {} : fileFromLine(one);
    if (named.missing) write(`⚠️ Không tìm thấy tệp "${named.missing}" / File not found.`);
    else show(await runtime.handle({ ...base, ...(picked ? { action: picked.value } : named.file ? { file: named.file } : { text: text.includes('\n') ? text : one }) }));
    if (io.interactive) {
      write('');
      rl.prompt();
    }
  }
}
