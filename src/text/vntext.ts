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

/** Is the text typed with diacritics (any letter beyond ASCII)? Then its words can be read as written. */
export function hasDiacritics(text: string): boolean {
  return /[^\x00-\x7f]/.test(text);
}

/** Lowercase words as written, with their diacritics; "y" after a consonant written "i" ("tỷ" = "tỉ", "kỷ" = "kỉ"). */
export function tonedWords(text: string): string[] {
  return (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).map((t) => {
    const d = t.normalize('NFD');
    const base = d.replace(/[\u0300-\u036f]/g, '');
    return /^(b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|nh|p|ph|r|s|t|th|tr|v|x|đ)y$/.test(base) ? d.replace('y', 'i').normalize('NFC') : t;
  });
}
