import { z } from 'zod';

/** Platform limits the outbox respects before a message leaves. */
export interface Limits {
  /** Proactive (broadcast) messages per second across all chats. */
  broadcastPerSec: number;
  /** Messages per second in one chat, and how many may go at once. */
  perChatPerSec: number;
  perChatBurst: number;
  /** Messages per minute in one group chat. */
  groupPerMin?: number;
}

/**
 * The platforms the bot speaks on: their names as people read them and the sending limits the
 * outbox keeps to. Every schema that stores a platform takes it from here: adding a platform =
 * its entry here and its folder in bot/adapters/.
 */
export const PLATFORMS = {
  console: { name: 'terminal', limits: { broadcastPerSec: 1000, perChatPerSec: 1000, perChatBurst: 1000 } },
  telegram: { name: 'Telegram', limits: { broadcastPerSec: 30, perChatPerSec: 1, perChatBurst: 3, groupPerMin: 20 } },
  slack: { name: 'Slack', limits: { broadcastPerSec: 1, perChatPerSec: 1, perChatBurst: 3 } },
} as const satisfies Record<string, { name: string; limits: Limits }>;

export type Platform = keyof typeof PLATFORMS;

/** A platform read from the store. */
export const platformSchema = z.enum(Object.keys(PLATFORMS) as [Platform, ...Platform[]]);
