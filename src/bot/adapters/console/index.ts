import { createInterface } from 'node:readline';
import type { Host } from '../../host.js';
import type { Choice, Incoming, Reply } from '../../types.js';
import { fileFromLine } from './files.js';
import { messages } from './input.js';
import { renderConsole } from './render.js';
import { consoleIdentity, registerConsoleSender } from './sender.js';

export { fileFromLine } from './files.js';
export { CONSOLE_CHAT, CONSOLE_USER, registerConsoleSender } from './sender.js';

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


export async function runConsole(host: Pick<Host, 'runtime' | 'outbox'>, io: ConsoleIO): Promise<void> {
  const { runtime, outbox } = host;
  const write = (s: string) => io.output.write(s + '\n');
  if (!outbox.has('console')) registerConsoleSender(outbox, io);
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
