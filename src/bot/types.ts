import type { ZodType } from 'zod';
import type { Locale } from '../text/i18n.js';
import type { Platform } from './platforms.js';

export type { Platform } from './platforms.js';
export type { Locale } from '../text/i18n.js';
export { ROLES, type Role } from '../domain/roles.js';

/** A platform event turned into the core's language by an adapter. */
export interface Incoming {
  platform: Platform;
  /** Where replies go (Telegram chat id, Slack channel or DM id, 'console'). */
  chatId: string;
  /** The person (Telegram user id, Slack `team:user`, console user). */
  userId: string;
  userName?: string;
  /** Language hint from the platform ('vi', 'en-US' …). */
  locale?: string;
  /** 'private' unless the adapter knows it is a group/channel. */
  chatType?: 'private' | 'group';
  text?: string;
  /** Command name without the slash, e.g. 'dangky'. */
  command?: string;
  /** Everything after the command, trimmed. */
  args?: string;
  /** A button value (Choice.value) pressed by the user; never trusted. */
  action?: string;
  /** Values of a whole form submitted at once (by an adapter that shows forms whole, e.g. as a modal). */
  form?: Record<string, unknown>;
  /** A file the person sent (Telegram document, Slack file, a path on the console); fetched only on demand. */
  file?: IncomingFile;
  raw?: unknown;
}

/** A file sent by a person: its declared name and size, and a way to read it (never executed or parsed). */
export interface IncomingFile {
  name: string;
  /** Bytes, as the platform declares it (checked again after reading). */
  size?: number;
  mime?: string;
  /** Reads the file; refuses (throws) past `maxBytes`. */
  fetch(maxBytes: number): Promise<Uint8Array>;
}

export interface Choice {
  label: string;
  value: string;
  /** Other names a typed answer may use for it (full name, abbreviations, English); never shown. */
  aliases?: string[];
}

export type FieldKind = 'text' | 'number' | 'choice' | 'multi' | 'list';

/** What a number field counts: whole people or times, a percentage (0–100), months (0–12), or any number. */
export type Measure = 'people' | 'count' | 'percent' | 'months' | 'number';

/** One entry of a list field read from one line, so entries can be added, edited and removed one at a time. */
export interface ListItem {
  parse(line: string): { ok: true; value: unknown } | { ok: false; error: string };
  /** The entry as one line, as it would be typed. */
  show(item: unknown): string;
  /** What an entry is called: { vi: 'chỉ tiêu', en: 'target' }. */
  noun: { vi: string; en: string };
  /** The shape of a line: { vi: 'nội dung; đơn vị tính; giá trị', … }. */
  format: { vi: string; en: string };
  /** A line to show as an example. */
  example: string;
}

export interface FormField {
  id: string;
  label: string;
  kind: FieldKind;
  /** Validates the parsed value of this field (see bot/form.ts for parsing). */
  schema: ZodType;
  help?: string;
  choices?: Choice[];
  optional?: boolean;
  /** Turns typed text into the value the schema checks (e.g. "content; unit; value" lines). */
  parse?: (raw: string) => unknown;
  /** Prefilled value (e.g. last year's registration). */
  initial?: unknown;
  /** For `number`: what is counted (decides whole numbers, %, months); read from text such as "khoảng 25 người". */
  measure?: Measure;
  /** A valid answer quoted when an answer is refused ("25", "TTLĐXS"). */
  example?: string;
  /** For `list`: entries can be changed one at a time in a step-by-step walk. */
  item?: ListItem;
}

export interface FormSpec {
  id: string;
  title: string;
  fields: FormField[];
  submitLabel?: string;
}

export interface FileOut {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export interface Reply {
  text: string;
  format?: 'plain' | 'markdown-lite';
  choices?: Choice[];
  /**
   * The whole form this step belongs to. An adapter that can show a form at once (a modal: Slack)
   * shows it and submits `Incoming.form`; the others ignore it and show `text`/`choices`, the
   * step-by-step question. Flows never know which.
   */
  form?: FormSpec;
  /** Field errors of a submitted whole form, keyed by field id (an adapter with forms shows them on the fields). */
  formErrors?: Record<string, string>;
  file?: FileOut;
  ephemeral?: boolean;
  /** Citations, also already in `text` (an adapter may show them apart, e.g. as a footer). */
  citations?: string[];
  /** Holds personal or unit data: never post it in a group chat. */
  personal?: boolean;
  /**
   * A group answer: the command to continue with in the person's private chat. An adapter that
   * can link there adds the link (Telegram: https://t.me/<bot>?start=<startPayload(command)>).
   */
  toPrivate?: string;
  /** The question wants a typed number: a console adapter must not read a bare number as an option's index. */
  expects?: 'number';
}

/** Where a proactive message goes: a person's private chat on their platform. */
export interface Address {
  platform: Platform;
  chatId: string;
  /** The person these replies answer, when the chat may be shared (binds buttons to them). */
  userId?: string;
}
