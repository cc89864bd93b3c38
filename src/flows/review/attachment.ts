import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { IncomingFile } from '../../bot/types.js';
import type { AttachmentType } from '../../domain/review.js';
import type { ReviewRecords, Report } from './records.js';

/**
 * The year-end report a unit attaches: kept with its name, size and SHA-256 — never opened,
 * executed or parsed. Only its first bytes are compared with the signature its extension
 * promises (a ".pdf" must start with "%PDF-"), so a renamed program is refused.
 */
export type Refusal = { why: 'too-big'; max: number; size: number } | { why: 'type'; ext: string; allowed: string[] } | { why: 'empty' } | { why: 'mismatch'; ext: string } | { why: 'unreadable' };

const SIGNATURES: Record<AttachmentType, number[][]> = {
  pdf: [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  docx: [[0x50, 0x4b, 0x03, 0x04]],
  xlsx: [[0x50, 0x4b, 0x03, 0x04]],
  odt: [[0x50, 0x4b, 0x03, 0x04]],
  doc: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  xls: [[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  jpg: [[0xff, 0xd8, 0xff]],
  jpeg: [[0xff, 0xd8, 0xff]],
  png: [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
};
const MIME: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  odt: 'application/vnd.oasis.opendocument.text',
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** A file name safe to show and store: its last path part, no control characters, at most 200 characters. */
export function cleanName(name: string): string {
  const base = basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '').trim();
  return (base || 'tep').normalize('NFC').slice(0, 200);
}

export const extOf = (name: string) => /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';

/** Checks what can be checked before reading (name, declared size). */
export function precheck(file: Pick<IncomingFile, 'name' | 'size'>, allowed: readonly AttachmentType[], maxBytes: number): Refusal | undefined {
  const ext = extOf(cleanName(file.name));
  if (!(allowed as readonly string[]).includes(ext)) return { why: 'type', ext: ext || '—', allowed: [...allowed] };
  if (file.size !== undefined && file.size > maxBytes) return { why: 'too-big', max: maxBytes, size: file.size };
  if (file.size === 0) return { why: 'empty' };
  return undefined;
}

/** Reads, checks and stores the file; the report record, or why it was refused. */
export async function acceptReport(
  records: ReviewRecords,
  file: IncomingFile,
  opts: { allowed: readonly AttachmentType[]; maxBytes: number; by: string; now: Date },
): Promise<{ ok: true; report: Report } | { ok: false; refusal: Refusal }> {
  const early = precheck(file, opts.allowed, opts.maxBytes);
  if (early) return { ok: false, refusal: early };
  let bytes: Uint8Array;
  try {
    bytes = await file.fetch(opts.maxBytes);
  } catch (err) {
    const size = (err as { size?: number }).size;
    return { ok: false, refusal: size !== undefined ? { why: 'too-big', max: opts.maxBytes, size } : { why: 'unreadable' } };
  }
  if (bytes.length > opts.maxBytes) return { ok: false, refusal: { why: 'too-big', max: opts.maxBytes, size: bytes.length } };
  if (bytes.length === 0) return { ok: false, refusal: { why: 'empty' } };
  const name = cleanName(file.name);
  const ext = extOf(name) as AttachmentType;
  if (!SIGNATURES[ext].some((sig) => sig.every((b, i) => bytes[i] === b))) return { ok: false, refusal: { why: 'mismatch', ext } };
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const at = opts.now.toISOString();
  if (!(await records.files.get(sha256))) await records.files.set(sha256, { sha256, size: bytes.length, mime: MIME[ext], data: Buffer.from(bytes).toString('base64'), at });
  return { ok: true, report: { name, size: bytes.length, mime: MIME[ext], sha256, at, by: opts.by } };
}

/** An error a `fetch` throws when the file turns out larger than allowed. */
export class TooBigError extends Error {
  constructor(readonly size: number) {
    super(`file larger than allowed (${size} bytes)`);
  }
}

/** "2,4 MB", "850 KB" */
export function showSize(bytes: number, locale: 'vi' | 'en'): string {
  const fmt = (n: number) => (locale === 'vi' ? n.toLocaleString('vi-VN', { maximumFractionDigits: 1 }) : n.toLocaleString('en-US', { maximumFractionDigits: 1 }));
  if (bytes >= 1024 * 1024) return `${fmt(bytes / (1024 * 1024))} MB`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} KB`;
  return `${bytes} B`;
}
