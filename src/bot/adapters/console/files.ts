import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { IncomingFile } from '../../types.js';
import { tooBig } from '../download.js';

/**
 * A line naming a file: "@path", or a path ("/…", "./…", "~/…") of an existing regular file.
 * The file is read only when the flow asks for it, at most `maxBytes`; it is never run.
 */
export function fileFromLine(text: string): { file?: IncomingFile; missing?: string } {
  const at = text.startsWith('@');
  const raw = at ? text.slice(1).trim() : text;
  if (!at && !/^(\/|\.\.?\/|~\/)\S/.test(raw)) return {};
  const path = resolve(raw.startsWith('~/') ? join(homedir(), raw.slice(2)) : raw);
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return at ? { missing: raw } : {};
    size = st.size;
  } catch {
    return at ? { missing: raw } : {};
  }
  return {
    file: {
      name: basename(path),
      size,
      async fetch(maxBytes: number) {
        const now = statSync(path).size;
        if (now > maxBytes) throw tooBig(now);
        const fd = openSync(path, 'r');
        try {
          const buf = Buffer.alloc(now);
          let off = 0;
          while (off < now) {
            const n = readSync(fd, buf, off, now - off, off);
            if (n === 0) break;
            off += n;
          }
          return new Uint8Array(buf.subarray(0, off));
        } finally {
          closeSync(fd);
        }
      },
    },
  };
}
