import { truncate } from '../../../text/truncate.js';
import type { Incoming } from '../../types.js';

/** The update types the bot asks Telegram for; everything else is ignored. */
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

export interface BotIdentity {
  id: number;
  username: string;
}

/** What one Telegram update means to the bot. */
/** A document a person sent: what Telegram declares about it (the bytes are fetched on demand). */
export interface DocumentRef {
  fileId: string;
  name: string;
  size?: number;
  mime?: string;
}

export type Mapped =
  | { kind: 'message'; incoming: Incoming; document?: DocumentRef }
  | { kind: 'press'; queryId: string; data: string; messageId?: number; incoming: Incoming }
  /** `queryId`: an unusable button press, still to be answered so its spinner stops. */
  | { kind: 'ignored'; reason: string; queryId?: string };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const int = (v: unknown): number | undefined => (Number.isSafeInteger(v) ? (v as number) : undefined);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The person and chat of a message or press; undefined when either is missing or malformed. */
function who(from: unknown, chat: unknown): Omit<Incoming, 'text' | 'action'> | { ignored: string } {
  const f = obj(from);
  const c = obj(chat);
  const userId = int(f?.id);
  const chatId = int(c?.id);
  const type = str(c?.type);
  if (userId === undefined || chatId === undefined || !type) return { ignored: 'malformed: no sender or chat' };
  if (f!.is_bot === true) return { ignored: 'from a bot' };
  if (type !== 'private' && type !== 'group' && type !== 'supergroup') return { ignored: `chat type ${type}` };
  const userName = [str(f!.first_name), str(f!.last_name)].filter(Boolean).join(' ') || str(f!.username);
  return {
    platform: 'telegram',
    chatId: String(chatId),
    userId: String(userId),
    ...(userName ? { userName } : {}),
    ...(str(f!.language_code) ? { locale: str(f!.language_code) } : {}),
    chatType: type === 'private' ? 'private' : 'group',
  };
}

/**
 * In a group the bot only listens when spoken to: a command (not addressed to another bot), or
 * a message mentioning it, which becomes a question (/hoi …) unless it is itself a command.
 */
export function groupText(text: string, me: BotIdentity): string | undefined {
  const t = text.trim();
  const cmd = /^\/[^\s@]+(?:@(\S+))?/.exec(t);
  if (cmd) return !cmd[1] || cmd[1].toLowerCase() === me.username.toLowerCase() ? t : undefined;
  const mention = new RegExp(`@${escapeRe(me.username)}\\b`, 'gi');
  if (!mention.test(t)) return undefined;
  const rest = t.replace(mention, ' ').replace(/\s+/g, ' ').trim().replace(/^[,:;–-]\s*/, '');
  if (!rest) return '/trogiup';
  return rest.startsWith('/') ? rest : `/hoi ${rest}`;
}

/** The chat an update belongs to (a message's or a pressed button's), as the bot's chat id. */
export function chatOf(update: unknown): string | undefined {
  const u = obj(update);
  const id = obj(obj(u?.message)?.chat)?.id ?? obj(obj(obj(u?.callback_query)?.message)?.chat)?.id;
  return int(id) === undefined ? undefined : String(id);
}

/** Turns a raw update (never trusted: it may be malformed or of an unknown type) into a Mapped. */
export function mapUpdate(update: unknown, me: BotIdentity): Mapped {
  const u = obj(update);
  if (!u || int(u.update_id) === undefined) return { kind: 'ignored', reason: 'malformed: no update_id' };
  const message = obj(u.message);
  if (message) {
    const base = who(message.from, message.chat);
    if ('ignored' in base) return { kind: 'ignored', reason: base.ignored };
    const raw = str(message.text);
    const doc = obj(message.document);
    if (raw === undefined && doc && base.chatType === 'private' && str(doc.file_id)) {
      // A file sent in the private chat (e.g. the year-end report); in groups files are ignored.
      const document: DocumentRef = { fileId: str(doc.file_id)!, name: truncate(str(doc.file_name) ?? 'tep', 200), size: int(doc.file_size), mime: str(doc.mime_type) };
      return { kind: 'message', incoming: base, document };
    }
    if (raw === undefined) return { kind: 'ignored', reason: 'message without text' };
    const text = base.chatType === 'group' ? groupText(raw, me) : raw;
    if (text === undefined) return { kind: 'ignored', reason: 'group message not addressed to the bot' };
    return { kind: 'message', incoming: { ...base, text } };
  }
  const query = obj(u.callback_query);
  if (query) {
    const queryId = str(query.id);
    const msg = obj(query.message);
    if (!queryId) return { kind: 'ignored', reason: 'malformed: callback without id' };
    const base = who(query.from, msg?.chat);
    if ('ignored' in base) return { kind: 'ignored', reason: base.ignored, queryId };
    return { kind: 'press', queryId, data: str(query.data) ?? '', messageId: int(msg?.message_id), incoming: base };
  }
  const type = Object.keys(u).find((k) => k !== 'update_id') ?? 'empty';
  return { kind: 'ignored', reason: `update type ${truncate(type, 40)}` };
}
