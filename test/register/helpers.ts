import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import type { App } from '../../src/app.js';
import type { Reply } from '../../src/bot/types.js';
import { tempDir } from '../helpers/app.js';

/** A data folder like ./data but with the given calendar.yaml (or none). */
export function dataDir(calendarYaml?: string): string {
  const dir = join(tempDir('thidua-reg-'), 'data');
  mkdirSync(dir);
  for (const f of ['units.yaml', 'titles.yaml', 'documents.yaml', 'base-salary.yaml', 'knowledge', 'curated']) symlinkSync(resolve('data', f), join(dir, f));
  if (calendarYaml) writeFileSync(join(dir, 'calendar.yaml'), calendarYaml);
  return dir;
}

/** Records what the outbox delivers on the console platform (notifications to other people). */
export function recordConsole(app: App): { chatId: string; reply: Reply }[] {
  const sent: { chatId: string; reply: Reply }[] = [];
  app.services.outbox.register({ platform: 'console', async send(chatId, reply) { sent.push({ chatId, reply }); } });
  return sent;
}

export const texts = (rs: Reply[]) => rs.map((r) => r.text).join('\n---\n');

/** Answers of a full registration: TTLĐXS, 20 staff, 16 LĐTT, 2 CSTĐCS, two targets. */
export const GOOD = ['TTLĐXS', '20', '16', '2', '0', '0', 'Tổ chức hội nghị phổ biến pháp luật; hội nghị; 12 | Hồ sơ giải quyết đúng hạn; %; 100', '-', '-'];

/** The entries of a zip file (stored or deflated), by name. */
export function unzip(bytes: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  let p = bytes.readUInt32LE(eocd + 16);
  for (let i = 0; i < bytes.readUInt16LE(eocd + 10); i++) {
    const method = bytes.readUInt16LE(p + 10);
    const size = bytes.readUInt32LE(p + 20);
    const nameLen = bytes.readUInt16LE(p + 28);
    const extra = bytes.readUInt16LE(p + 30);
    const comment = bytes.readUInt16LE(p + 32);
    const local = bytes.readUInt32LE(p + 42);
    const name = bytes.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
    const data = bytes.subarray(start, start + size);
    out.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    p += 46 + nameLen + extra + comment;
  }
  return out;
}
