import type { Module, Services } from '../bot/context.js';
import { loadKnowledge, type Knowledge } from '../knowledge/index.js';
import { logger } from '../log.js';
import { askModule } from './ask/index.js';
import { checkModule } from './check.js';
import { demoModule } from './demo.js';
import type { ModuleFactory } from './deps.js';
import { onboardingModule } from './onboarding.js';
import { registerModule } from './register/index.js';
import { remindersModule } from './reminders/index.js';
import { reviewModule } from './review/index.js';
import { weblinkModule } from './weblink.js';

/** Every module of the bot, in help order. Adding a capability = one line here. */
export const MODULES: readonly ModuleFactory[] = [onboardingModule, registerModule, askModule, checkModule, remindersModule, reviewModule, weblinkModule, demoModule];

/** The knowledge base for this configuration. */
export async function knowledgeFor(services: Services): Promise<Knowledge> {
  const c = services.config;
  const knowledge = await loadKnowledge({
    dataDir: c.DATA_DIR,
    llm: c.OPENAI_API_KEY ? { apiKey: c.OPENAI_API_KEY, baseURL: c.OPENAI_BASE_URL, model: c.OPENAI_MODEL, timeoutMs: c.OPENAI_TIMEOUT_MS } : undefined,
    timeZone: c.TZ_NAME,
    now: services.now,
    onLlmFallback: (reason) => logger('knowledge').warn('LLM answer not used; extractive answer instead', { reason }),
  });
  for (const issue of knowledge.issues) logger('knowledge').warn('knowledge file skipped', { issue });
  return knowledge;
}

/** Every module built from the same deps (the knowledge base loaded here unless given). */
export async function buildModules(services: Services, knowledge?: Knowledge): Promise<Module[]> {
  const deps = { services, knowledge: knowledge ?? (await knowledgeFor(services)) };
  return MODULES.map((module) => module(deps));
}
