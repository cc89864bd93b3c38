import { truncate } from '../../../text/truncate.js';
import type { Reply } from '../../types.js';
import { escapeAngles, splitText } from '../markup.js';

/** Block Kit limits this renderer keeps to. */
export const SLACK = {
  sectionChars: 3000,
  blocksPerMessage: 50,
  buttonsPerActions: 25,
  buttonLabel: 75,
  buttonValue: 2000,
  contextElements: 10,
} as const;

/** A message body for chat.postMessage or a response_url post. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}
export type Block = Record<string, unknown>;

/** Escapes the three characters Slack's mrkdwn reserves. */
export const escapeMrkdwn = escapeAngles;

/** Cuts escaped text into section-sized pieces (see text.ts). */
export const splitSection = (text: string, max: number = SLACK.sectionChars) => splitText(text, max);

/**
 * On Slack every command lives under one slash command, so "/dangky" in a core text becomes
 * "/thidua dangky" when `isCommand` knows the word.
 */
export function slashify(text: string, slash: string, isCommand: (word: string) => boolean): string {
  return text.replace(/(^|[^\p{L}\p{N}_/:])\/(\p{L}[\p{L}\p{N}]*)/gu, (all, pre: string, word: string) =>
    isCommand(word) ? `${pre}${slash} ${word}` : all,
  );
}

/** One reply as blocks: text sections, a row of buttons, a citation footer. */
export function replyBlocks(reply: Reply, opts: { rewrite?: (s: string) => string; nextActionId: () => string }): Block[] {
  const rewrite = opts.rewrite ?? ((s: string) => s);
  const blocks: Block[] = [];
  const text = escapeMrkdwn(rewrite(reply.text));
  if (text.trim())
    for (const piece of splitSection(text)) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: piece } });
  const buttons = (reply.choices ?? [])
    .filter((c) => c.value.length <= SLACK.buttonValue)
    .map((c) => ({ type: 'button', action_id: opts.nextActionId(), text: { type: 'plain_text', text: truncate(c.label, SLACK.buttonLabel), emoji: true }, value: c.value }));
  for (let i = 0; i < buttons.length; i += SLACK.buttonsPerActions)
    blocks.push({ type: 'actions', elements: buttons.slice(i, i + SLACK.buttonsPerActions) });
  const cites = (reply.citations ?? []).filter((c) => c.trim());
  if (cites.length) {
    const pieces = splitSection(escapeMrkdwn(cites.map((c) => `📖 ${c}`).join('\n')));
    for (let i = 0; i < pieces.length; i += SLACK.contextElements)
      blocks.push({ type: 'context', elements: pieces.slice(i, i + SLACK.contextElements).map((p) => ({ type: 'mrkdwn', text: p })) });
  }
  return blocks;
}

/**
 * Packs the replies of one input into as few messages as Slack allows (≤ 50 blocks each):
 * a response_url takes only 5 posts in 30 minutes.
 */
export function renderMessages(replies: Reply[], rewrite?: (s: string) => string): SlackMessage[] {
  const messages: SlackMessage[] = [];
  let current: SlackMessage | undefined;
  let n = 0;
  const nextActionId = () => `thidua:${n++}`;
  for (const reply of replies) {
    const blocks = replyBlocks(reply, { rewrite, nextActionId });
    for (const block of blocks) {
      if (!current || current.blocks.length >= SLACK.blocksPerMessage) {
        current = { text: '', blocks: [] };
        messages.push(current);
      }
      current.blocks.push(block);
    }
  }
  for (const m of messages) m.text = fallbackText(m.blocks);
  return messages;
}

/** The notification text of a message: its first section, shortened. */
function fallbackText(blocks: Block[]): string {
  const first = blocks.find((b) => b.type === 'section') as { text: { text: string } } | undefined;
  return first ? truncate(first.text.text, 300) : ' ';
}
