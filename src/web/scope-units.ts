import type { PageCtx } from './kit.js';
import { scope } from './auth.js';

/** The units a viewer follows on the dashboard: what they may see; the demo cluster only for its own people. */
export function followedUnits(p: PageCtx): string[] {
  const { units } = p.kit.services;
  const ownDemo = !!units.get(p.viewer.person?.unitId ?? '')?.demo;
  return scope.units(p.viewer, p.kit.services).filter((id) => !units.get(id)?.demo || ownDemo);
}

/** `?year=YYYY` when it is a plausible year, else the default. */
export function yearParam(p: PageCtx, fallback: number): number {
  const y = Number(p.url.searchParams.get('year'));
  return Number.isInteger(y) && y >= 2000 && y <= 2100 ? y : fallback;
}
