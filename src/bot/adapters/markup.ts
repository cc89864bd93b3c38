/** Text helpers shared by the adapters that render to a markup (Telegram HTML, Slack mrkdwn). */
import { cutIndex } from '../../text/truncate.js';

/** Escapes the three characters both Telegram HTML and Slack mrkdwn reserve. */
export const escapeAngles = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Where to cut mid-word: between whole characters, never inside an "&amp;"-style entity. */
function hardCut(s: string, max: number): number {
  // A "character" longer than a whole part (hundreds of stacked accents) is cut between code points.
  const cut = cutIndex(s, max) || (/[\ud800-\udbff]/.test(s[max - 1]) ? max - 1 : max);
  const amp = s.lastIndexOf('&', cut - 1);
  return amp > cut - 6 && !s.slice(amp, cut).includes(';') ? amp : cut;
}

/**
 * Splits a text into parts of at most `max` characters: at paragraph boundaries first, then at
 * line breaks, then at spaces, and only then mid-word.
 */
export function splitText(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = -1;
    for (const sep of ['\n\n', '\n', ' ']) {
      const at = window.lastIndexOf(sep, max);
      if (at > max / 4) {
        cut = at;
        break;
      }
    }
    if (cut < 0) {
      const at = hardCut(rest, max);
      parts.push(rest.slice(0, at));
      rest = rest.slice(at);
    } else {
      parts.push(rest.slice(0, cut).trimEnd());
      rest = rest.slice(cut).replace(/^\s+/, '');
    }
  }
  if (rest.trim().length > 0 || parts.length === 0) parts.push(rest);
  return parts;
}
