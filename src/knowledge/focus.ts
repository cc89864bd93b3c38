/**
 * The question inside a message. Officers greet, give context, then ask ("Xin chào, tôi làm việc ở UBND cấp
 * xã, không biết công chức cấp xã có được xét chiến sĩ thi đua không? Xin cảm ơn!"). Retrieval weighs the
 * asking clauses fully and the context less, and drops the courtesies, so a long question ranks like its
 * short form.
 */
import { hasDiacritics, tonedWords, words } from '../text/vntext.js';
import { viTokens } from './analyze.js';
import { STOP_VI } from './lexicon.js';

/** Words that make a Vietnamese or English clause a question (folded, as vntext.words gives them). */
const ASKING = new Set(['khong', 'ko', 'k', 'gi', 'nao', 'sao', 'ai', 'may', 'chua', 'what', 'which', 'who', 'how', 'when', 'does']);
/** The same words as written with diacritics: in a clause typed with them, "chủa" (a typo of "của") or "máy" asks nothing. */
const ASKING_TONED = new Set(['không', 'ko', 'k', 'gì', 'nào', 'sao', 'ai', 'mấy', 'chưa']);
const ASKING_PAIRS = new Set(['bao nhieu', 'bao lau', 'the nao', 'ra sao', 'hay khong', 'co phai', 'khi nao', 'bao gio', 'o dau', 'duoc khong']);
/** Asking for something asks, with or without an asking word: "Vậy xin hỏi người này được nhận 1 hay cả 2." (folded) */
const ASKS_FOR = /\b(xin hoi|xin duoc hoi|muon hoi|cho (toi|em|anh|chi|minh|chau|chung toi) hoi|hoi la)\b/;
/** A focus shorter than this many words is too thin to stand alone: the clauses before it join it. */
const MIN_FOCUS_WORDS = 6;
/**
 * Courtesies and addresses that say nothing about the question (folded): greetings, thanks, who is asked,
 * requests for advice. A clause made only of these (and names) is dropped.
 */
const COURTESY = new RegExp(
  `\\b(${[
    'xin chao', 'kinh chao', 'chao', 'kinh gui', 'kinh thua', 'thua', 'xin cam on', 'cam on', 'tran trong', 'chuc',
    'ban bien tap', 'ban tdkt', 'btdkt', 'ban thi dua khen thuong', 'ban thi dua', 'ban khen thuong', 'quy ban', 'luat su', 'quy bao', 'quy co quan', 'anh chi', 'anh chi oi', 'ad', 'admin',
    'cho toi hoi', 'cho em hoi', 'cho anh hoi', 'cho chau hoi', 'cho minh hoi', 'xin hoi', 'toi xin hoi', 'em xin hoi', 'xin duoc hoi',
    'tu van giup', 'nho tu van', 'xin tu van', 'tu van', 'giai dap giup', 'xin giai dap', 'mong duoc giai dap', 'mong som nhan phan hoi',
    'mong nhan duoc phan hoi', 'mong ban bien tap', 'giup toi', 'giup em', 'a', 'nhe', 'voi', 'oi', 'vui long',
  ].join('|')})\\b`,
  'g',
);

/**
 * Words that ask for the source, the manner or the status of a rule, or for an explanation, rather than name a topic,
 * and the name of the domain itself ("thi đua, khen…": "thưởng" stays, it asks about money) (folded): a question made only of these and fewer than
 * MIN_TOPIC_WORDS other words ("Xin Ban giải thích cho tôi về vấn đề này?") is about the question before it.
 */
const ABOUT = new Set(
  ('van ban nao quy dinh dieu khoan diem can cu phap ly van de nay do o dau cu the hien hanh hien nay the ra sao nhu la gi co khong ko ' +
    'duoc tai theo luat nghi dinh thong tu huong dan moi nhat thu tuc quy trinh thuc hien ap dung truong hop vay thi nhung cac ' +
    've phap tham khao them toi em anh chi minh ban muon biet hoi xin can phai giai thich dap tra loi ro giup thi dua khen')
    .split(' '),
);
const MIN_TOPIC_WORDS = 2;
/** Read as search reads it: "CSTĐCS cần gì?" names a title (four words once expanded), "Thưởng bao nhiêu?" money. */
const isThin = (q: string) => viTokens(q).filter((w) => !ABOUT.has(w) && !STOP_VI.has(w)).length < MIN_TOPIC_WORDS;

export interface Focus {
  /** The asking clause(s), or the whole text when it has one clause. */
  focus: string;
  /** Everything else but courtesies ('' when none). */
  context: string;
  /**
   * The focus cut into its questions, one per sentence ("Ai có thẩm quyền tặng Bằng khen? Mức thưởng là bao
   * nhiêu?" → two); a single element when it asks one thing.
   */
  questions: string[];
  /** The whole sentences the focus was taken from (a list cut at its commas is whole again). */
  sentences: string;
}

function isAsking(clause: string): boolean {
  if (clause.includes('?')) return true;
  const w = words(clause);
  if (ASKS_FOR.test(w.join(' '))) return true;
  for (let i = 0; i + 1 < w.length; i++) if (ASKING_PAIRS.has(`${w[i]} ${w[i + 1]}`)) return true;
  return hasDiacritics(clause) ? tonedWords(clause).some((t) => ASKING_TONED.has(t)) : w.some((x) => ASKING.has(x));
}

/** Nothing but courtesies: "Xin chào", "Tư vấn giúp tôi, xin cảm ơn!", "Kính gửi Ban biên tập". */
function isCourtesy(clause: string): boolean {
  const rest = words(clause).join(' ').replace(COURTESY, ' ').replace(/\b(toi|em|anh|chi|minh|chung toi)\b/g, ' ').trim();
  return rest === '';
}

/** A capitalised word (a proper name goes on: "Bộ Văn hóa, Thể thao và Du lịch"). */
const CAPITAL = /^\p{Lu}\p{Ll}/u;

/**
 * A sentence's clauses: split at commas and colons, except a comma inside a proper name ("ngành Văn hóa,
 * Thể thao và Du lịch"), a list ("Bộ văn hóa, thể thao và du lịch") or a number ("2,5 lần").
 */
function clausesOf(sentence: string): string[] {
  const out: string[] = [];
  for (const piece of sentence.split(/(?<=,)(?!\d)|(?<=:)(?!\d)/)) {
    const prev = out[out.length - 1];
    // The last two words before the comma (not the sentence's first word, capitalised anyway).
    const before = prev?.endsWith(',') ? prev.slice(0, -1).trim().split(/\s+/).slice(1).slice(-2) : [];
    const after = piece.trim().split(/\s+/);
    const inName = before.some((w) => CAPITAL.test(w)) && CAPITAL.test(after[0] ?? '');
    const inList = after.slice(1, 3).some((w) => LIST_AND.test(w));
    if (prev !== undefined && before.length && (inName || inList)) out[out.length - 1] = prev + piece;
    else out.push(piece);
  }
  return out.map((c) => c.replace(/[,:]$/, ''));
}
/** "A, B và C": the comma before B is inside a list. */
const LIST_AND = /^(và|va|hoặc|hoac)$/i;

export function splitFocus(text: string): Focus {
  // Sentences, then clauses (a comma inside a sentence separates context from the question).
  const clauses: { text: string; asks: boolean; sentence: number }[] = [];
  const sentences = text.match(/[^.?!;\n]+[.?!;\n]*/g) ?? [];
  sentences.forEach((sentence, n) => {
    const asks = sentence.includes('?');
    // "X hỏi: …" — what follows a colon is the question proper; a comma separates context from it.
    for (const c of clausesOf(sentence)) {
      const t = c.trim();
      if (words(t).length === 0 || isCourtesy(t)) continue;
      clauses.push({ text: t, asks: asks ? isAsking(t) : false, sentence: n });
    }
  });
  if (clauses.length <= 1) {
    const focus = clauses[0]?.text ?? text;
    return { focus, context: '', questions: [focus], sentences: focus };
  }
  // The asking clauses of sentences with a question mark; else every asking clause; else the last clause.
  const picked = new Set<number>();
  clauses.forEach((c, i) => c.asks && picked.add(i));
  if (picked.size === 0) clauses.forEach((c, i) => isAsking(c.text) && picked.add(i));
  if (picked.size === 0) picked.add(clauses.length - 1);
  // A thin focus ("có được xét không?", "Pháp luật quy định thế nào về vấn đề này?") takes in the clauses just before it.
  let first = Math.min(...picked);
  let n = [...picked].reduce((a, i) => a + words(clauses[i].text).length, 0);
  const thin = () => n < MIN_FOCUS_WORDS || isThin([...picked].map((i) => clauses[i].text).join(' '));
  while (first > 0 && thin()) {
    picked.add(--first);
    n += words(clauses[first].text).length;
  }
  const focused = clauses.filter((_, i) => picked.has(i));
  const focus = focused.map((c) => c.text).join(', ');
  const context = clauses.filter((_, i) => !picked.has(i)).map((c) => c.text).join(', ');
  // One question per sentence; one that names no topic of its own ("Văn bản nào quy định vấn đề này?") stays with the one before.
  const questions: string[] = [];
  let last = -1;
  for (const c of focused) {
    if (questions.length && (c.sentence === last || isThin(questions[questions.length - 1]))) questions[questions.length - 1] += `, ${c.text}`;
    else questions.push(c.text);
    last = c.sentence;
  }
  if (questions.length > 1 && isThin(questions[questions.length - 1])) questions[questions.length - 2] += `, ${questions.pop()}`;
  const from = [...new Set(focused.map((c) => c.sentence))].map((n) => sentences[n].trim()).join(' ');
  return { focus, context, questions, sentences: from };
}
