import { z } from 'zod';
import type { Services } from '../bot/context.js';
import { access, type Person } from '../bot/people.js';
import { Repo } from '../bot/repo.js';
import type { Role } from '../bot/types.js';
import { reviewAccess } from '../flows/review/kit.js';
import { hashSecret, newSecret, webSubjectSchema, type WebSubject } from '../bot/weblinks.js';

/**
 * Web sessions: a random id in an HttpOnly, SameSite=Strict cookie (Secure behind https); the store
 * keeps its SHA-256 (namespace `web`, `session|<hash>`), who it is for, its CSRF token and when it
 * ends (SESSION_MS after sign-in, whatever happens meanwhile). What the person may see is NOT kept
 * in it: every request reads the person from `people` again, so a changed role or unit, or a
 * person removed, takes effect at once.
 */
export const SESSION_MS = 8 * 3600_000;
export const SESSION_COOKIE = 'thidua_sid';

const sessionSchema = z.object({ subject: webSubjectSchema, csrf: z.string().min(20), createdAt: z.string(), expiresAt: z.string() });
export type Session = z.infer<typeof sessionSchema>;

export class Sessions {
  private repo: Repo<Session>;
  constructor(private services: Services) {
    this.repo = new Repo(services.store, 'web', sessionSchema);
  }

  async create(subject: WebSubject): Promise<{ id: string; session: Session }> {
    const id = newSecret();
    const now = this.services.now();
    const session: Session = { subject, csrf: newSecret(), createdAt: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_MS).toISOString() };
    await this.repo.set(`session|${hashSecret(id)}`, session, SESSION_MS);
    return { id, session };
  }

  async get(id: string | undefined): Promise<Session | undefined> {
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return undefined;
    const s = await this.repo.get(`session|${hashSecret(id)}`);
    return s && Date.parse(s.expiresAt) > this.services.now().getTime() ? s : undefined;
  }

  async end(id: string | undefined): Promise<void> {
    if (id && /^[A-Za-z0-9_-]{43}$/.test(id)) await this.repo.delete(`session|${hashSecret(id)}`);
  }
}

/** Who is looking, as the store says now: a person bound to a unit, or the operator. */
export interface Viewer {
  session: Session;
  sessionId: string;
  person?: Person;
  role: Role;
}

/** The viewer of a session, re-read from the store; undefined when the person is no longer there. */
export async function viewerOf(services: Services, sessionId: string, session: Session): Promise<Viewer | undefined> {
  if (session.subject.kind === 'operator') return { session, sessionId, role: 'admin' };
  const key = session.subject.person;
  const i = key.indexOf(':');
  const person = await services.people.get(key.slice(0, i) as Person['platform'], key.slice(i + 1));
  return person ? { session, sessionId, person, role: person.role } : undefined;
}

/** What a viewer may see: the same rules as in chat (bot/people.ts `access`); the operator sees everything. */
export const scope = {
  isAdmin: (v: Viewer) => v.role === 'admin',
  units(v: Viewer, services: Services): string[] {
    return v.person ? access.visibleUnits(v.person, services.units) : services.units.all().map((u) => u.id);
  },
  canViewUnit(v: Viewer, unitId: string, services: Services): boolean {
    if (!services.units.get(unitId)) return false;
    return v.person ? access.canViewUnit(v.person, unitId, services.units) : true;
  },
  /** The cluster's ranking, who has voted, the minutes: its cluster head and administrators. */
  canManageCluster(v: Viewer, clusterId: string, services: Services): boolean {
    return v.person ? reviewAccess.canManage(v.person, clusterId, services.units) : true;
  },
  /** A cluster's review page: its members and managers. */
  canSeeCluster(v: Viewer, clusterId: string, services: Services): boolean {
    return scope.canManageCluster(v, clusterId, services) || services.units.get(v.person?.unitId ?? '')?.clusterId === clusterId;
  },
};
