import { z } from 'zod';
import { loadConfig } from '../../src/config.js';
import type { Flow, Module } from '../../src/bot/context.js';
import { formBack, formStateSchema, startForm, walkForm } from '../../src/bot/form.js';
import { Runtime } from '../../src/bot/runtime.js';
import { createServices } from '../../src/bot/services.js';
import { openStore, type Store } from '../../src/bot/store.js';
import type { FormSpec } from '../../src/bot/types.js';
import { onboardingModule } from '../../src/flows/onboarding.js';

/** A two-field form flow used to exercise the engine independently of the real flows. */
export const demoSpec: FormSpec = {
  id: 'demo',
  title: 'Demo',
  fields: [
    { id: 'headcount', label: 'Số cán bộ', kind: 'number', schema: z.number().int({ message: 'phải là số nguyên' }).min(1, { message: 'ít nhất 1' }) },
    { id: 'title', label: 'Danh hiệu', kind: 'choice', schema: z.enum(['ttldxs', 'ttldtt']), choices: [{ label: 'Tập thể lao động xuất sắc', value: 'ttldxs' }, { label: 'Tập thể lao động tiên tiến', value: 'ttldtt' }] },
  ],
};

export const saved: Record<string, unknown>[] = [];

const demoFlow = (version: number): Flow<z.infer<typeof formStateSchema>> => ({
  id: 'demo',
  version,
  title: { vi: 'thử nghiệm', en: 'demo' },
  state: formStateSchema,
  async start(ctx) {
    const { state, reply } = startForm(demoSpec, ctx.locale);
    return { replies: [reply], state };
  },
  async onInput(ctx, state) {
    if (ctx.in.text === 'slow') await new Promise((r) => setTimeout(r, 50));
    const r = walkForm(demoSpec, state, ctx.in, ctx.locale);
    if (r.kind === 'continue') return { replies: [r.reply], state: r.state };
    saved.push(r.values);
    return { replies: [{ text: `Đã lưu: ${JSON.stringify(r.values)}` }], done: true };
  },
  async back(ctx, state) {
    const r = formBack(demoSpec, state, ctx.locale);
    return { replies: [r.reply], state: r.state };
  },
});

const demoModule = (version: number): Module => ({ name: 'demo', commands: [{ names: ['demo'], description: { vi: 'thử', en: 'demo' }, flow: 'demo' }], flows: [demoFlow(version)] });

/** A runtime with onboarding + the demo flow on the given store. */
/** `demoVersion`: the demo flow's version (an upgraded flow). */
export async function engine(opts: { storeUrl?: string; store?: Store; now?: () => Date; demoVersion?: number } = {}) {
  const config = loadConfig({ STORE_URL: opts.storeUrl ?? 'memory://', LOG_LEVEL: 'silent', SESSION_TTL_MINUTES: '30' });
  const store = opts.store ?? (await openStore(config.STORE_URL));
  const services = createServices({ config, store, now: opts.now });
  const runtime = new Runtime(services, [onboardingModule(), demoModule(opts.demoVersion ?? 1)]);
  const talk = (userId = 'u1') => {
    const base = { platform: 'console' as const, chatId: `c-${userId}`, userId, chatType: 'private' as const };
    return {
      say: async (text: string) => (await runtime.handle({ ...base, text })).map((r) => r.text).join('\n'),
      press: async (action: string) => (await runtime.handle({ ...base, action })).map((r) => r.text).join('\n'),
      replies: (text: string) => runtime.handle({ ...base, text }),
    };
  };
  return { runtime, services, store, talk };
}
