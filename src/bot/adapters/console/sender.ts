import type { Outbox } from '../../outbox.js';
import type { ConsoleIO } from './index.js';
import { renderConsole } from './render.js';

export const CONSOLE_USER = 'console-user';
export const CONSOLE_CHAT = 'console';

/** The console identity of a terminal. */
export const consoleIdentity = (io: Pick<ConsoleIO, 'user'>) => (io.user ? { userId: io.user, chatId: io.user } : { userId: CONSOLE_USER, chatId: CONSOLE_CHAT });

/** Lets proactive messages (reminders, notifications) reach the terminal; call before the scheduler starts. */
export function registerConsoleSender(outbox: Outbox, io: Pick<ConsoleIO, 'output' | 'filesDir' | 'user'>): void {
  const mine = consoleIdentity(io).chatId;
  outbox.register({
    platform: 'console',
    local: true,
    accepts: (chatId) => !io.user || chatId === mine,
    async send(chatId, reply) {
      if (io.user && chatId !== mine) throw new Error(`console person "${chatId}" is not at this terminal`);
      io.output.write('\n' + renderConsole(reply, io.filesDir) + '\n');
    },
  });
}
