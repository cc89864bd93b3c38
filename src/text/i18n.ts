/** The bot's languages: Vietnamese (default) and English. */
export type Locale = 'vi' | 'en';

/** One user-facing text in both languages. `{name}` placeholders are filled by `tr`. */
export interface Msg {
  vi: string;
  en: string;
}

export function tr(locale: Locale, msg: Msg, params: Record<string, string | number> = {}): string {
  const text = msg[locale] ?? msg.vi;
  return text.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Picks the bot language from a platform hint: English only when clearly asked for. */
export function localeFrom(hint: string | undefined): Locale {
  return hint && /^en\b/i.test(hint) ? 'en' : 'vi';
}

