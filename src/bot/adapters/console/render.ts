import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Reply } from '../../types.js';

/** Options are numbered; when the question wants a number they are lettered (a, b, c), so a typed number is the answer. */
export const optionTag = (reply: Reply, i: number) => (reply.expects === 'number' ? String.fromCharCode(97 + i) : String(i + 1));

/** Renders a reply as terminal text; choices become numbered (or lettered) options. */
export function renderConsole(reply: Reply, filesDir: string): string {
  const lines = [reply.text];
  reply.choices?.forEach((c, i) => lines.push(`  ${optionTag(reply, i)}) ${c.label}`));
  if (reply.file) {
    mkdirSync(filesDir, { recursive: true });
    const path = join(filesDir, reply.file.name);
    writeFileSync(path, reply.file.bytes);
    lines.push(`📎 ${path}`);
  }
  return lines.join('\n');
}
