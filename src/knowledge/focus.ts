/**
 * The question inside a message. Officers write context first ("Tôi là nhân viên hợp đồng… năm 2017 tôi
 * hoàn thành tốt nhiệm vụ…") and ask last ("…thì có được xét lao động tiên tiến không ạ?"). Retrieval weighs
 * the asking sentences fully and the context less, so a long question ranks like its short form.
 */
import { words } from './vntext.js';

/** Words that make a Vietnamese or English sentence a question (folded, as vntext.words gives them). */
const ASKING = new Set(['khong', 'ko', 'k', 'gi', 'nao', 'sao', 'ai', 'may', 'chua', 'what', 'which', 'who', 'how', 'when', 'can', 'does', 'is', 'are']);
const ASKING_PAIRS = new Set(['bao nhieu', 'bao lau', 'the nao', 'ra sao', 'hay khong', 'co phai', 'khi nao', 'bao gio', 'o dau', 'duoc khong']);
/** A focus shorter than this many words is too thin to stand alone: the sentence before it joins it. */
const MIN_FOCUS_WORDS = 6;

export interface Focus {
  /** The asking sentence(s), or the whole text when it is one sentence. */
  focus: string;
  /** Everything else ('' when none). */
  context: string;
}

function isAsking(sentence: string): boolean {
  if (sentence.includes('?')) return true;
  const w = words(sentence);
  for (let i = 0; i < w.length; i++) {
    if (ASKING.has(w[i])) return true;
    if (i + 1 < w.length && ASKING_PAIRS.has(`${w[i]} ${w[i + 1]}`)) return true;
  }
  return false;
}

export function splitFocus(text: string): Focus {
  const sentences = (text.match(/[^.?!;\n]+[.?!;\n]*/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => words(s).length > 0);
  if (sentences.length <= 1) return { focus: text, context: '' };
  // Every sentence with a question mark; else the last asking sentence; else the last sentence.
  const picked = new Set<number>();
  sentences.forEach((s, i) => s.includes('?') && picked.add(i));
  for (let i = sentences.length - 1; i >= 0 && picked.size === 0; i--) if (isAsking(sentences[i])) picked.add(i);
  if (picked.size === 0) picked.add(sentences.length - 1);
  // A thin focus ("Xin giải thích giúp tôi?") takes in the sentences before it.
  let first = Math.min(...picked);
  let n = [...picked].reduce((a, i) => a + words(sentences[i]).length, 0);
  while (first > 0 && n < MIN_FOCUS_WORDS) {
    picked.add(--first);
    n += words(sentences[first]).length;
  }
  const focus = sentences.filter((_, i) => picked.has(i)).join(' ');
  const context = sentences.filter((_, i) => !picked.has(i)).join(' ');
  return { focus, context };
}
