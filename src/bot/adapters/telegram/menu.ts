import type { BotCommand } from 'grammy/types';
import type { Command } from '../../context.js';
import { commandKey } from '../../router.js';
import { tr, type Locale } from '../../../text/i18n.js';
import { truncate } from '../../../text/truncate.js';

/** The command menu in one language: Telegram names are [a-z0-9_]{1,32}, descriptions 1–256. */
export function menuCommands(list: readonly Command[], locale: Locale): BotCommand[] {
  const out: BotCommand[] = [];
  const seen = new Set<string>();
  for (const c of list) {
    // The menu is the same for everyone: hidden and role-restricted commands stay out of it.
    if (c.roles) continue;
    const name = commandKey((locale === 'en' ? c.names[1] : undefined) ?? c.names[0]);
    if (!/^[a-z0-9_]{1,32}$/.test(name) || seen.has(name)) continue;
    seen.add(name);
    out.push({ command: name, description: truncate(tr(locale, c.description), 256) || name });
  }
  return out;
}
