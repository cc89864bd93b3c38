import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Repo } from '../../repo.js';
import type { Store } from '../../store.js';

/** How long a keyboard's buttons stay pressable. */
export const BUTTON_TTL_MS = 7 * 86400_000;

const keyboardSchema = z.object({
  values: z.array(z.string()),
  chatId: z.string(),
  userId: z.string(),
  /** Expiry by the app's clock (the store's own TTL only cleans up). */
  exp: z.number(),
});

/**
 * Button values stay on the server: a keyboard gets a random token, each button's callback data
 * is `token.index` (≤ 64 bytes whatever the values), and a press resolves it back — once, for the
 * person and chat it was sent to, before it expires.
 */
export class Buttons {
  private repo: Repo<z.infer<typeof keyboardSchema>>;
  constructor(
    private store: Store,
    private now: () => Date,
  ) {
    this.repo = new Repo(store, 'buttons', keyboardSchema);
  }

  /** Stores the values of one keyboard; returns the callback data of each button. */
  async issue(values: string[], chatId: string, userId: string): Promise<string[]> {
    const token = randomBytes(12).toString('base64url');
    await this.repo.set(token, { values, chatId, userId, exp: this.now().getTime() + BUTTON_TTL_MS }, BUTTON_TTL_MS);
    return values.map((_, i) => `${token}.${i}`);
  }

  /**
   * The value behind a press, or undefined when the data is unknown, tampered, expired, pressed
   * by someone else or in another chat, or its keyboard was already used.
   */
  async resolve(data: string, chatId: string, userId: string): Promise<string | undefined> {
    const m = /^([A-Za-z0-9_-]{16})\.(\d{1,3})$/.exec(data);
    if (!m) return undefined;
    const [, token, index] = m;
    const kb = await this.repo.get(token).catch(() => undefined);
    const value = kb?.values[Number(index)];
    if (!kb || value === undefined || kb.chatId !== chatId || kb.userId !== userId || kb.exp <= this.now().getTime()) return undefined;
    // One press per keyboard, even when two presses race (or two processes share Redis).
    if (!(await this.store.claim(`tg-keyboard:${token}`, BUTTON_TTL_MS))) return undefined;
    await this.repo.delete(token);
    return value;
  }
}
