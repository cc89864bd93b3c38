import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import type { App } from '../../src/app.js';
import type { Reply } from '../../src/bot/types.js';
import { tempDir } from '../helpers/app.js';
import { dataDir as sharedDataDir, recordConsole, texts } from '../helpers/data.js';

/** A data folder like ./data but with the given calendar.yaml (or none), and no review files. */
export const dataDir = (calendarYaml?: string) => sharedDataDir({ without: ['calendar.yaml', 'clusters'], ...(calendarYaml ? { files: { 'calendar.yaml': calendarYaml } } : {}) });

export { recordConsole, texts };

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

/** The text of each paragraph of a DOCX body (word/document.xml), one per line. */
export function docxText(xml: string): string {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) => [...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')).join('\n');
}

/**
 * The layout of an administrative document (Nghị định 30/2020/NĐ-CP) in the DOCX XML: the
 * number line, the national heading as one paragraph, rules drawn under the unit and the motto,
 * the place and date, sized table columns, a signature block that cannot split, A4 margins.
 */
export function expectOfficialLayout(xml: string, code: string, dateLine: string) {
  const paras = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => m[0]);
  const text = (p: string) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
  const find = (s: string) => paras.findIndex((p) => text(p) === s);
  expect(paras.map(text)).toContain(`Số:        /ĐK-${code}`);
  expect(find('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM')).toBeGreaterThan(-1);
  // A rule (a paragraph with a top border and no text) right under the unit's name and under the motto.
  const isRule = (p: string | undefined) => !!p && /<w:pBdr>\s*<w:top w:val="single"/.test(p) && text(p) === '';
  const motto = find('Độc lập - Tự do - Hạnh phúc');
  expect(isRule(paras[motto + 1])).toBe(true);
  const unitLine = paras.findIndex((p, i) => i < motto && isRule(paras[i + 1]) && text(p) !== '');
  expect(unitLine).toBeGreaterThan(-1);
  expect(paras.map(text)).toContain(dateLine);
  expect(paras.find((p) => text(p) === dateLine)).toContain('<w:i/>');
  // Tables with fixed, sized columns: not all of the same width.
  const grids = [...xml.matchAll(/<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/g)].map((m) => [...m[1].matchAll(/w:w="(\d+)"/g)].map((x) => Number(x[1])));
  expect(grids.length).toBeGreaterThanOrEqual(4);
  for (const g of grids.slice(1, 3)) expect(new Set(g).size).toBeGreaterThan(1);
  expect(xml).toContain('<w:tblLayout w:type="fixed"/>');
  // The signature block: a row that cannot split, its paragraphs kept together.
  const sign = /<w:tr>(?:(?!<\/w:tr>)[\s\S])*Nơi nhận:(?:(?!<\/w:tr>)[\s\S])*<\/w:tr>/.exec(xml)?.[0] ?? '';
  expect(sign).toContain('<w:cantSplit/>');
  expect(sign).toContain('<w:keepNext/>');
  // A4 with the margins of NĐ 30 (top 20, bottom 20, left 30, right 15 mm).
  expect(xml).toMatch(/<w:pgSz w:w="11907" w:h="16840"/);
  expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="851" w:bottom="1134" w:left="1701"/);
}
