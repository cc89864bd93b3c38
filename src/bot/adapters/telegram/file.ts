import type { Api } from 'grammy';
import type { IncomingFile } from '../../types.js';
import { readCapped, tooBig } from '../download.js';
import type { DocumentRef } from './update.js';

/**
 * A document a person sent, read only when a flow asks for it: getFile, then the file URL of the
 * Bot API (the token is in the path, so the URL is never logged). Refused, without downloading,
 * when Telegram declares it larger than allowed; a download that grows past the limit is cut off.
 */
export function telegramFile(api: Api, apiRoot: string, token: string, doc: DocumentRef): IncomingFile {
  return {
    name: doc.name,
    size: doc.size,
    mime: doc.mime,
    async fetch(maxBytes: number) {
      if (doc.size !== undefined && doc.size > maxBytes) throw tooBig(doc.size);
      const f = await api.getFile(doc.fileId);
      if (f.file_size !== undefined && f.file_size > maxBytes) throw tooBig(f.file_size);
      if (!f.file_path) throw new Error('Telegram gave no file path');
      const res = await fetch(`${apiRoot.replace(/\/+$/, '')}/file/bot${token}/${f.file_path}`, { signal: AbortSignal.timeout(60_000) });
      return readCapped(res, maxBytes);
    },
  };
}
