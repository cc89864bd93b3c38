import type { Module, Services } from '../bot/context.js';
import type { Runtime } from '../bot/runtime.js';
import { onboardingModule } from './onboarding.js';

/** Every module of the bot, in help order. Adding a capability = one line here. */
export async function buildModules(services: Services, runtime: () => Runtime): Promise<Module[]> {
  return [onboardingModule(runtime)];
}
