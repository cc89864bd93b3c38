import { z } from 'zod';
import { argWords } from '../shared/args.js';
import type { Ctx, Flow, Module, Step } from '../../bot/context.js';
import type { ModuleDeps } from '../deps.js';
import type { Reply } from '../../bot/types.js';
import { words } from '../../text/vntext.js';
import { logger } from '../../log.js';
import { announce, closeDue } from './ballot-service.js';
import type { Reviews } from '../../domain/review.js';
import { createReviewKit, reviewAccess, targetOf, type ReviewKit } from './kit.js';
import { M } from './messages.js';
import { DOCX_MIME, minutesFor } from './minutes.js';
import { saDecisionFlow, selfFlow, selfViews } from './self-flow.js';
import { ballotActions, ballotViews, openFlow, voteFlow } from './vote-flow.js';

const log = logger('review');

/** How often the module closes ballots whose time has come and delivers pending notices. */
export const REVIEW_TICK_MS = 30_000;

const VIEW = ['xem', 'view', 'show'];
const RANK = ['xephang', 'xep', 'ranking', 'rank'];
const MINUTES = ['bienban', 'bien', 'minutes'];
const OPEN = ['mo', 'open'];
const CLOSE = ['dong', 'close'];
const STATUS = ['xem', 'status', 'tinhhinh', 'view'];
const DELEGATE = ['uyquyen', 'uy', 'daidien', 'delegate'];

/** Several flows behind one command: the first word of the arguments picks the part; its state is kept with the part's id. */
function dispatch(id: string, title: Flow['title'], parts: Record<string, Flow<any>>, choose: (ctx: Ctx) => Promise<{ part: string; args: string } | Reply[]>): Flow<{ part: string; s: unknown }> {
  const wrap = (part: string, step: Step<unknown>): Step<{ part: string; s: unknown }> => (step.done ? step : { replies: step.replies, state: { part, s: step.state } });
  const partOf = (state: { part: string }) => parts[state.part] ?? Object.values(parts)[0];
  return {
    id,
    title,
    state: z.object({ part: z.string(), s: z.unknown() }),
    async start(ctx) {
      const c = await choose(ctx);
      if (Array.isArray(c)) return { done: true, replies: c };
      return wrap(c.part, await parts[c.part].start({ ...ctx, in: { ...ctx.in, args: c.args } }));
    },
    async onInput(ctx, state) {
      const f = partOf(state);
      return wrap(state.part, await f.onInput(ctx, f.state.parse(state.s)));
    },
    async back(ctx, state) {
      const f = partOf(state);
      return f.back ? wrap(state.part, await f.back(ctx, f.state.parse(state.s))) : { state, replies: [] };
    },
    help(ctx, state) {
      const f = partOf(state);
      return f.help?.(ctx, f.state.parse(state.s)) ?? [];
    },
  };
}

/** The cluster's year-end review: /binhxet (self-assessment, ranking, minutes), /bophieu (secret ballot). */
export function reviewModule({ services }: Pick<ModuleDeps, 'services'>): Module {
  const kit = createReviewKit(services);
  const sViews = selfViews(kit);
  const bViews = ballotViews(kit);
  const vote = voteFlow(kit);
  const open = openFlow(kit);

  async function minutes(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const { clusterId, year } = targetOf(kit, ctx, args);
    if (!reviewAccess.canManage(ctx.person, clusterId, services.units)) return [{ text: ctx.t(M.minutesNotAllowed) }];
    const m = await minutesFor(kit, clusterId, year, ctx.now);
    if (!m) return [{ text: ctx.t(M.noConfig, { year, cluster: services.units.name(clusterId, ctx.locale), clusterId }) }];
    const text = ctx.t(M.minutesFile, { year, cluster: services.units.name(clusterId, ctx.locale), n: m.closed }) + (m.closed ? '' : `\n${ctx.t(M.minutesNone, { year })}`);
    return [{ text, file: { name: m.name, mime: DOCX_MIME, bytes: m.bytes }, personal: true }];
  }

  // /binhxet [xem|xephang|bienban] [năm]: the sub-commands answer at once; otherwise the self-assessment.
  const self = selfFlow(kit, sViews);
  const selfEntry: Flow<any> = {
    ...self,
    async start(ctx) {
      const args = argWords(ctx);
      const sub = words(args[0] ?? '')[0] ?? '';
      if (VIEW.includes(sub)) return { done: true, replies: await sViews.view(ctx, args.slice(1)) };
      if (RANK.includes(sub)) return { done: true, replies: await sViews.rank(ctx, args.slice(sub === 'xep' ? 2 : 1)) };
      if (MINUTES.includes(sub)) return { done: true, replies: await minutes(ctx, args.slice(sub === 'bien' ? 2 : 1)) };
      return self.start(ctx);
    },
  };

  // /bophieu [mo|dong|xem|uyquyen] …: open, close, status, representative; otherwise cast the unit's ballot.
  const ballot = dispatch('review-ballot', M.voteTitle, { vote, open }, async (ctx) => {
    const args = argWords(ctx);
    const sub = words(args[0] ?? '')[0] ?? '';
    const rest = args.slice(1);
    if (OPEN.includes(sub)) return { part: 'open', args: rest.join(' ') };
    if (CLOSE.includes(sub)) return bViews.closeMenu(ctx, rest);
    if (STATUS.includes(sub)) return bViews.status(ctx, rest);
    if (DELEGATE.includes(sub)) return bViews.delegate(ctx, args.slice(sub === 'uy' ? 2 : 1));
    if (args.length === 1 && /^[a-z0-9-]+\.\d{4}\.[a-z0-9-]+$/.test(args[0])) return { part: 'vote', args: args[0] };
    if (args.length && !/^\d{4}$/.test(args[0])) return [{ text: ctx.t(M.usageVote, { word: args.join(' ').slice(0, 40) }) }];
    return { part: 'vote', args: '' };
  });

  const opensSelf = (args: string) => {
    const w = words(args)[0] ?? '';
    return ![...VIEW, ...RANK, ...MINUTES].includes(w);
  };
  const opensBallot = (args: string) => {
    const w = words(args)[0] ?? '';
    return w === '' || /^\d{4}$/.test(w) || OPEN.includes(w);
  };

  return {
    name: 'review',
    commands: [
      { names: ['binhxet', 'review'], description: M.cmdReview, flow: 'review-self', needsPerson: true, personal: true, startsForm: opensSelf },
      { names: ['bophieu', 'vote'], description: M.cmdVote, flow: 'review-ballot', needsPerson: true, personal: true, startsForm: opensBallot },
    ],
    flows: [selfEntry, saDecisionFlow(kit), ballot, { ...open, id: 'review-open' }],
    actions: [
      { prefix: 'rvd', flow: 'review-decision' },
      { prefix: 'rvv', flow: 'review-ballot' },
      { prefix: 'rvo', flow: 'review-open' },
      ballotActions(kit),
    ],
    async start() {
      let running: Promise<unknown> | undefined;
      const tick = () => {
        if (running) return;
        const now = services.now();
        running = closeDue(kit, now)
          .then(() => announce(kit, now))
          .catch((err) => log.error('review tick failed', { error: err }))
          .finally(() => (running = undefined));
      };
      tick();
      const timer = setInterval(tick, REVIEW_TICK_MS);
      timer.unref();
      return async () => {
        clearInterval(timer);
        await running;
      };
    },
  };
}

export { createReviewKit } from './kit.js';
