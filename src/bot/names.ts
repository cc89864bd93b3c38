import { tr, type Msg } from '../text/i18n.js';
import { PLATFORMS } from './platforms.js';
import type { Person } from './people.js';
import type { Locale, Platform, Role } from './types.js';
import type { Units } from '../domain/units.js';

/** How people are named to other people: by name, else by role and unit — never by an internal id. */
export const ROLE_SHORT: Record<Role, Msg> = {
  officer: { vi: 'cán bộ đầu mối', en: 'focal officer' },
  head: { vi: 'thủ trưởng đơn vị', en: 'head of unit' },
  'cluster-head': { vi: 'cụm trưởng', en: 'cluster head' },
  admin: { vi: 'quản trị viên', en: 'administrator' },
};

export const PLATFORM_NAME = Object.fromEntries(Object.entries(PLATFORMS).map(([p, v]) => [p, v.name])) as Record<Platform, string>;

const M = {
  roleOf: { vi: '{role} ({unit})', en: '{role} ({unit})' },
  former: { vi: 'một người dùng không còn trong danh sách', en: 'a former user' },
  withRole: { vi: '{name} ({role})', en: '{name} ({role})' },
} satisfies Record<string, Msg>;

/** "Nguyễn Văn A", or "cán bộ đầu mối (Cục Bổ trợ tư pháp)" for a person without a name. */
export function personLabel(p: Person | undefined, units: Units, locale: Locale): string {
  if (!p) return tr(locale, M.former);
  if (p.name?.trim()) return p.name.trim();
  return roleLabel(p.role, p.unitId, units, locale);
}

/** "thủ trưởng đơn vị (Cục Bổ trợ tư pháp)". */
export function roleLabel(role: Role, unitId: string, units: Units, locale: Locale): string {
  return tr(locale, M.roleOf, { role: tr(locale, ROLE_SHORT[role]), unit: units.name(unitId, locale) });
}

/** A former user, in words. */
export const formerUser = (locale: Locale) => tr(locale, M.former);

/** "Nguyễn Văn A (thủ trưởng đơn vị, Telegram)" or "thủ trưởng đơn vị (Telegram)": who a notice went to. */
export function recipientLabel(p: Person, locale: Locale): string {
  const role = tr(locale, ROLE_SHORT[p.role]);
  return p.name?.trim() ? `${p.name.trim()} (${role}, ${PLATFORM_NAME[p.platform]})` : `${role} (${PLATFORM_NAME[p.platform]})`;
}

/** Looks people up by personKey ("platform:userId") for history lines and ledgers. */
export function labeller(people: Person[], units: Units, locale: Locale): (personKey: string) => string {
  const byKey = new Map(people.map((p) => [`${p.platform}:${p.userId}`, p]));
  return (k) => personLabel(byKey.get(k), units, locale);
}

export const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
