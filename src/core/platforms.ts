import { z } from 'zod';

/**
 * The platforms the bot speaks on, and their names as people read them. Every schema that stores
 * a platform takes it from here: adding a platform = its name here and its folder in adapters/.
 */
export const PLATFORMS = { console: 'terminal', telegram: 'Telegram', slack: 'Slack' } as const;

export type Platform = keyof typeof PLATFORMS;

/** A platform read from the store. */
export const platformSchema = z.enum(Object.keys(PLATFORMS) as [Platform, ...Platform[]]);
