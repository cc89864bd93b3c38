import { randomBytes } from 'node:crypto';
import { platformSchema } from '../../bot/platforms.js';
import { z } from 'zod';
import { Repo } from '../../bot/repo.js';
import type { Store } from '../../bot/store.js';

/** Every question asked, with its answer's citations, feedback and, when escalated, the department's reply. */
export const citationInputSchema = z.object({ doc: z.string(), article: z.string().optional(), clause: z.string().optional() });

export const questionSchema = z.object({
  id: z.string(),
  question: z.string(),
  platform: platformSchema,
  chatId: z.string(),
  userId: z.string(),
  unitId: z.string().optional(),
  locale: z.enum(['vi', 'en']),
  at: z.string(),
  answered: z.boolean(),
  /** Passage ids the bot cited. */
  cited: z.array(z.string()),
  status: z.enum(['asked', 'escalated', 'resolved']),
  feedback: z.enum(['up', 'down']).optional(),
  escalatedAt: z.string().optional(),
  reply: z
    .object({ text: z.string(), citations: z.array(citationInputSchema), by: z.string(), at: z.string(), curated: z.boolean().default(false) })
    .optional(),
});
export type Question = z.infer<typeof questionSchema>;

export class Questions {
  readonly repo: Repo<Question>;
  constructor(store: Store) {
    this.repo = new Repo(store, 'questions', questionSchema);
  }
  static newId(): string {
    return randomBytes(6).toString('hex');
  }
  get(id: string) {
    return /^[0-9a-f]{12}$/.test(id) ? this.repo.get(id) : Promise.resolve(undefined);
  }
  save(q: Question) {
    return this.repo.set(q.id, q);
  }
  async escalated(): Promise<Question[]> {
    return (await this.repo.list()).map((e) => e.value).filter((q) => q.status === 'escalated').sort((a, b) => a.at.localeCompare(b.at));
  }
}
