/**
 * Cutting text to a length by whole characters. `.slice(0, n)` counts UTF-16 units and can
 * split an emoji (Telegram then refuses the message as not UTF-8, Slack's client throws "URI
 * malformed") or part a letter from its accents (Vietnamese in NFD).
 */
const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The end of the longest run of whole characters of `text` that fits in `max` UTF-16 units. */
export function cutIndex(text: string, max: number): number {
  if (text.length <= max) return text.length;
  let end = 0;
  for (const { index, segment } of graphemes.segment(text)) {
    if (index + segment.length > max) break;
    end = index + segment.length;
  }
  return end;
}

/**
 * `text` in at most `max` UTF-16 units (what Telegram and Slack count), cut between whole
 * characters, ending with `ellipsis` when something was cut.
 */
export function truncate(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  return text.slice(0, cutIndex(text, Math.max(0, max - ellipsis.length))) + ellipsis;
}
