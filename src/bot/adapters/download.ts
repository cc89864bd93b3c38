/** Downloads of files people send, shared by the adapters that fetch them from their platform. */

/** The error a flow reads as "too large" (its `size` is what was declared or read so far). */
export const tooBig = (size: number) => Object.assign(new Error('file too large'), { size });

/** The body of a download, cut off (and refused) as soon as it grows past `maxBytes`. */
export async function readCapped(res: Response, maxBytes: number): Promise<Uint8Array> {
  if (!res.ok || !res.body) throw new Error(`file download answered ${res.status}`);
  const chunks: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    n += chunk.length;
    if (n > maxBytes) throw tooBig(n);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
