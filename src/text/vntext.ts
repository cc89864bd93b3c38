/** Vietnamese text handling shared by search, commands and form input. */

/** Lowercase, NFC/NFD-insensitive, without diacritics, đ → d. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase();
}

/** Folded words (letters and digits only). */
export function words(text: string): string[] {
  return fold(text).split(/[^a-z0-9]+/).filter(Boolean);
}

/** Folded form used to compare short answers and command names: words joined by one space. */
export function key(text: string): string {
  return words(text).join(' ');
}
