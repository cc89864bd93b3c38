import type { createInterface } from 'node:readline';

/** How long a burst of pasted lines may take to arrive (a terminal delivers a paste in one or a few chunks). */
const PASTE_MS = 25;

/** Lines of input grouped into messages: a paste burst, or lines joined by a trailing "\". Listens at once. */
export function messages(rl: ReturnType<typeof createInterface>, group: boolean): AsyncGenerator<string> {
  const ready: string[] = [];
  let burst: string[] = [];
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  let carry: string[] = [];
  const push = (text: string) => {
    ready.push(text);
    wake?.();
  };
  const flush = () => {
    timer = undefined;
    const lines = burst.map((l) => l.trimEnd()).filter((l) => l.trim());
    burst = [];
    if (lines.length) push(lines.join('\n'));
  };
  rl.on('line', (line) => {
    if (group) {
      burst.push(line);
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, PASTE_MS);
      return;
    }
    if (/\\\s*$/.test(line)) {
      carry.push(line.replace(/\\\s*$/, ''));
      return;
    }
    const text = [...carry, line].join('\n');
    carry = [];
    if (text.trim()) push(text);
  });
  rl.once('close', () => {
    if (timer) {
      clearTimeout(timer);
      flush();
    }
    if (carry.join('').trim()) push(carry.join('\n'));
    closed = true;
    wake?.();
  });
  return (async function* () {
    while (true) {
      if (ready.length) {
        yield ready.shift()!;
        continue;
      }
      if (closed) return;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
  })();
}
