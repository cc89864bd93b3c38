import { join } from 'node:path';
import type { Module, Services } from '../bot/context.js';
import type { Runtime } from '../bot/runtime.js';
import { loadKnowledge } from '../knowledge/index.js';
import { logger } from '../log.js';
import { askModule } from './ask/index.js';
import { Questions } from './ask/questions.js';
import { checkModule } from './check.js';
import { demoModule } from './demo.js';
import { onboardingModule } from './onboarding.js';
import { registerModule } from './register/index.js';
import { remindersModule } from './reminders/index.js';
import { reviewModule } from './review/index.js';

/** Every module of the bot, in help order. Adding a capability = one line here. */
export async function buildModules(services: Services, runtime: () => Runtime): Promise<Module[]> {
  const c = services.config;
  const knowledge = await loadKnowledge({
    dataDir: c.DATA_DIR,
    llm: c.OPENAI_API_KEY ? { apiKey: c.OPENAI_API_KEY, baseURL: c.OPENAI_BASE_URL, model: c.OPENAI_MODEL, timeoutMs: c.OPENAI_TIMEOUT_MS } : undefined,
    timeZone: c.TZ_NAME,
    now: services.now,
    onLlmFallback: (reason) => logger('knowledge').warn('LLM answer not used; extractive answer instead', { reason }),
  });
  for (const issue of knowledge.issues) logger('knowledge').warn('knowledge file skipped', { issue });
  return [onboardingModule(runtime), registerModule(services), askModule(knowledge, new Questions(services.store)), checkModule(c.DATA_DIR), remindersModule(services), reviewModule(services), demoModule(runtime)];
}
