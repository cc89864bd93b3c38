import { randomInt } from 'node:crypto';
import { platformSchema } from './platforms.js';
import { z } from 'zod';
import { auditEntry } from './audit.js';
import { Repo } from './repo.js';
import type { Store } from './store.js';
import type { Units } from '../domain/units.js';
import { ROLES, type Platform, type Role } from './types.js';

export const personSchema = z.object({
  platform: platformSchema,
  userId: z.string().min(1),
  /** Private chat where the bot can reach the person (reminders, decisions). */
  chatId: z.string().min(1),
  name: z.string().optional(),
  unitId: z.string().min(1),
  role: z.enum(ROLES as [Role, ...Role[]]),
  locale: z.enum(['vi', 'en']).optional(),
  muted: z.boolean().default(false),
  joinedAt: z.string(),
});
export type Person = z.infer<typeof personSchema>;

export const inviteSchema = z.object({
  code: z.string(),
  unitId: z.string(),
  role: z.enum(ROLES as [Role, ...Role[]]),
  createdAt: z.string(),
  expiresAt: z.string(),
  createdBy: z.string().optional(),
  usedAt: z.string().optional(),
  usedBy: z.string().optional(),
});
export type Invite = z.infer<typeof inviteSchema>;

export const personKey = (platform: Platform, userId: string) => `${platform}:${userId}`;

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const INVITE_CODE = /^[A-HJ-NP-Z2-9]{8}$/;

export type JoinResult =
  | { ok: true; person: Person }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' | 'unit-gone' };

/** People bound to units, and the one-time invites that bind them. */
export class People {
  readonly people: Repo<Person>;
  readonly invites: Repo<Invite>;
  constructor(
    private store: Store,
    private units: Units,
  ) {
    this.people = new Repo(store, 'people', personSchema);
    this.invites = new Repo(store, 'invites', inviteSchema);
  }

  get(platform: Platform, userId: string): Promise<Person | undefined> {
    return this.people.get(personKey(platform, userId));
  }

  async save(p: Person): Promise<void> {
    await this.people.set(personKey(p.platform, p.userId), p);
  }

  async list(): Promise<Person[]> {
    return (await this.people.list()).map((e) => e.value);
  }

  async createInvite(unitId: string, role: Role, opts: { now: Date; ttlHours?: number; createdBy?: string }): Promise<Invite> {
    if (!this.units.get(unitId)) throw new Error(`unknown unit "${unitId}"`);
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const ttl = (opts.ttlHours ?? 72) * 3600_000;
    const invite: Invite = {
      code,
      unitId,
      role,
      createdAt: opts.now.toISOString(),
      expiresAt: new Date(opts.now.getTime() + ttl).toISOString(),
      createdBy: opts.createdBy,
    };
    // Kept a month past expiry so a late user hears "expired", not "unknown".
    await this.store.batch([this.invites.write(code, invite, ttl + 30 * 86400_000), auditEntry(opts.now, opts.createdBy ?? 'system', 'invite', { unitId, role })]);
    return invite;
  }

  /**
   * Binds a person with a one-time code; exactly one person can use a code, even racing. The person,
   * the used invite and the audit entry are one write: if it fails, the code stays usable.
   */
  async join(
    code: string,
    who: { platform: Platform; userId: string; chatId: string; name?: string; locale?: 'vi' | 'en' },
    now: Date,
  ): Promise<JoinResult> {
    const normalized = code.trim().toUpperCase();
    if (!INVITE_CODE.test(normalized)) return { ok: false, reason: 'unknown' };
    const invite = await this.invites.get(normalized);
    if (!invite) return { ok: false, reason: 'unknown' };
    if (invite.usedAt) return { ok: false, reason: 'used' };
    if (new Date(invite.expiresAt) <= now) return { ok: false, reason: 'expired' };
    if (!this.units.get(invite.unitId)) return { ok: false, reason: 'unit-gone' };
    const claim = `invite:${normalized}`;
    if (!(await this.store.claim(claim, 40 * 86400_000))) return { ok: false, reason: 'used' };
    const previous = await this.get(who.platform, who.userId).catch(() => undefined);
    const person: Person = {
      platform: who.platform,
      userId: who.userId,
      chatId: who.chatId,
      name: who.name,
      unitId: invite.unitId,
      role: invite.role,
      locale: previous?.locale ?? who.locale,
      muted: previous?.muted ?? false,
      joinedAt: now.toISOString(),
    };
    const by = personKey(who.platform, who.userId);
    const keep = Date.parse(invite.expiresAt) + 30 * 86400_000 - now.getTime();
    try {
      await this.store.batch([
        this.people.write(by, person),
        this.invites.write(normalized, { ...invite, usedAt: now.toISOString(), usedBy: by }, Math.max(keep, 86400_000)),
        auditEntry(now, by, 'join', { unitId: person.unitId, role: person.role }),
      ]);
    } catch (err) {
      await this.store.release(claim).catch(() => undefined);
      throw err;
    }
    return { ok: true, person };
  }
}

/** What a person may see or change. Always computed from the stored person, never from a message. */
export const access = {
  /** Edit a unit's registration: its officers and head; admins everywhere. */
  canEditUnit(p: Person | undefined, unitId: string): boolean {
    return !!p && ((p.unitId === unitId && (p.role === 'officer' || p.role === 'head')) || p.role === 'admin');
  },
  /** Approve a unit's registration: its head; admins everywhere. */
  canApproveUnit(p: Person | undefined, unitId: string): boolean {
    return !!p && ((p.unitId === unitId && p.role === 'head') || p.role === 'admin');
  },
  /** See a unit's data: its own people, the cluster head of its cluster, admins. */
  canViewUnit(p: Person | undefined, unitId: string, units: Units): boolean {
    if (!p) return false;
    if (p.role === 'admin' || p.unitId === unitId) return true;
    return p.role === 'cluster-head' && units.get(p.unitId)?.clusterId === units.get(unitId)?.clusterId;
  },
  /** Units whose progress a person may follow. */
  visibleUnits(p: Person | undefined, units: Units): string[] {
    if (!p) return [];
    if (p.role === 'admin') return units.all().map((u) => u.id);
    if (p.role === 'cluster-head') return units.cluster(units.get(p.unitId)?.clusterId ?? '')?.unitIds ?? [p.unitId];
    return [p.unitId];
  },
};
