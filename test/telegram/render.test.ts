import { describe, expect, it } from 'vitest';
import { keyboardRows, splitMessage, toHtml } from '../../src/bot/adapters/telegram/render.js';
import { groupText } from '../../src/bot/adapters/telegram/update.js';

describe('Telegram rendering', () => {
  it('escapes HTML and turns *bold* into <b> only in markdown-lite', () => {
    expect(toHtml('a < b & c > d *x*')).toBe('a &lt; b &amp; c &gt; d *x*');
    expect(toHtml('Hạn chót: *31/10* <b>', 'markdown-lite')).toBe('Hạn chót: <b>31/10</b> &lt;b&gt;');
  });

  it('splits at paragraphs, then lines, then spaces, then hard — never inside an emoji', () => {
    expect(splitMessage('a'.repeat(10) + '\n\n' + 'b'.repeat(10), 15)).toEqual(['a'.repeat(10), 'b'.repeat(10)]);
    expect(splitMessage('a'.repeat(10) + '\n' + 'b'.repeat(10), 15)).toEqual(['a'.repeat(10), 'b'.repeat(10)]);
    expect(splitMessage('x'.repeat(30), 15)).toEqual(['x'.repeat(15), 'x'.repeat(15)]);
    const emoji = 'a'.repeat(14) + '😀' + 'b';
    const parts = splitMessage(emoji, 15);
    expect(parts.join('')).toBe(emoji);
    expect(parts.every((p) => p.length <= 15 && !/[\ud800-\udbff]$/.test(p))).toBe(true);
    expect(splitMessage('short')).toEqual(['short']);
  });

  it('puts short labels two to a row and long ones alone', () => {
    const rows = keyboardRows(
      [{ label: 'Có', value: 'a' }, { label: 'Không', value: 'b' }, { label: 'Lao động tiên tiến (LĐTT) — cá nhân', value: 'c' }, { label: '◀ Quay lại', value: 'd' }],
      (i) => `t.${i}`,
    );
    expect(rows.map((r) => r.map((b) => b.callback_data))).toEqual([['t.0', 't.1'], ['t.2'], ['t.3']]);
  });

  it('listens in groups only when addressed', () => {
    const me = { id: 1, username: 'thidua_bot' };
    expect(groupText('chào mọi người', me)).toBeUndefined();
    expect(groupText('/start@other_bot', me)).toBeUndefined();
    expect(groupText('/trogiup@Thidua_Bot', me)).toBe('/trogiup@Thidua_Bot');
    expect(groupText('@thidua_bot: LĐTT là gì?', me)).toBe('/hoi LĐTT là gì?');
    expect(groupText('@thidua_bot /dangky', me)).toBe('/dangky');
    expect(groupText('@thidua_bot', me)).toBe('/trogiup');
    expect(groupText('@thidua_bot_fan hi', me)).toBeUndefined();
  });
});
