import { commandKey } from '../../router.js';
import type { Runtime } from '../../runtime.js';

/** What reading a command needs of the core. */
type Commands = Pick<Runtime, 'findCommand'>;

/** Slack events turned into Incoming. Identity: `team:user`; private conversations use the user id as chat. */

/** Words the runtime itself understands as commands (cancel, back) though no module defines them. */
const CONTROL = new Set(['huy', 'cancel', 'quaylai', 'back']);

export const slackUserId = (team: string | undefined, user: string) => `${team ?? '-'}:${user}`;

/** True when the core (or the runtime's cancel/back) knows `command` with `args`. */
export function knownCommand(commands: Commands, command: string, args = ''): boolean {
  return CONTROL.has(commandKey(command)) || commands.findCommand({ platform: 'slack', chatId: '', userId: '', command, args }) !== undefined;
}

/** Slack escapes &, < and > in message text and wraps links and mentions in <…>. */
export function unescapeSlack(text: string): string {
  return text
    .replace(/<([^<>|]+)\|([^<>]*)>/g, '$2')
    .replace(/<(https?:[^<>]+)>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/**
 * `/thidua dangky`, `/thidua hoi …`, `/thidua đăng ký`: the first word is the core's command,
 * the rest its arguments. No word, or a word no module knows, asks for the help.
 */
export function splitSubcommand(commands: Commands, text: string): { command: string; args: string } {
  const trimmed = text.trim().replace(/^\//, '');
  const first = trimmed.split(/\s+/)[0] ?? '';
  const args = trimmed.slice(first.length).trim();
  if (!first || !knownCommand(commands, first, args)) return { command: 'trogiup', args: '' };
  return { command: first, args };
}

/**
 * A mention in a channel: "/cmd …" or a bare command name ("@thidua trogiup", "@thidua hạn chót")
 * is that command; anything else is a question for /hoi.
 */
export function mentionInput(commands: Commands, text: string): { command: string; args: string } {
  const t = text.trim();
  if (!t) return { command: 'trogiup', args: '' };
  if (t.startsWith('/')) return splitSubcommand(commands, t);
  const words = t.split(/\s+/);
  if (words.length <= 2 && commands.findCommand({ platform: 'slack', chatId: '', userId: '', command: words.join('') }) !== undefined)
    return { command: words.join(''), args: '' };
  return knownCommand(commands, 'hoi', t) ? { command: 'hoi', args: t } : { command: 'trogiup', args: '' };
}

/** Strips the bot mention(s) from an app_mention text. */
export const stripMentions = (text: string) => text.replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ').replace(/\s+/g, ' ').trim();
