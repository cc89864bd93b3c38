import type { Module } from '../../bot/context.js';
import type { ModuleDeps } from '../deps.js';
import { announceFlow } from './announce.js';
import { reminderActions, reminderCommands } from './commands.js';
import { Reminders } from './scheduler.js';

/** Deadlines and reminders: /hanchot, /tatnhac, /batnhac, /thongbao, reminder buttons, the minute tick. */
export function remindersModule({ services }: Pick<ModuleDeps, 'services'>): Module {
  const reminders = Reminders.load(services);
  const get = () => reminders;
  return {
    name: 'reminders',
    commands: reminderCommands(get),
    flows: [announceFlow(get)],
    actions: [reminderActions(get)],
    async start() {
      return reminders.start();
    },
  };
}

export { Reminders };
