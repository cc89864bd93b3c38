import type { Module, Services } from '../../bot/context.js';
import { announceFlow } from './announce.js';
import { reminderActions, reminderCommands } from './commands.js';
import { Reminders } from './scheduler.js';

/** Deadlines and reminders: /hanchot, /tatnhac, /batnhac, /thongbao, reminder buttons, the minute tick. */
export interface RemindersModule extends Module {
  reminders: Reminders;
}

export function remindersModule(services: Services, reminders = Reminders.load(services)): RemindersModule {
  const get = () => reminders;
  return {
    name: 'reminders',
    reminders,
    commands: reminderCommands(get),
    flows: [announceFlow(get)],
    actions: [reminderActions(get)],
    async start() {
      return reminders.start();
    },
  };
}

export { Reminders };
