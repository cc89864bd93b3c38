import { z } from 'zod';
import { CANCEL } from '../../bot/buttons.js';
import type { Ctx, Flow, Step } from '../../bot/context.js';
import { COMMON } from '../../bot/messages.js';
import type { Msg } from '../../text/i18n.js';

/** What a head decides on: a unit's record of a year, at the version the button was sent for. */
export const decisionState = z.object({ unitId: z.string(), year: z.number().int(), version: z.number().int() });
export type DecisionState = z.infer<typeof decisionState>;

/** The arguments of an approve / return button: `approve|return:<unit>:<year>:<version>`. */
const BUTTON = /^(approve|return):([a-z0-9-]{1,40}):(\d{4}):(\d{1,6})$/;

/** Why a decision is refused: a text already in the person's language. */
export type Refused = { refused: string };

/** Why a decision cannot be made: not the person's to make, no record, not submitted, changed since, or locked. */
export type RefusalReason = 'forbidden' | 'missing' | 'status' | 'stale' | 'locked';

export interface DecisionSpec<R extends { status: string; version: number }> {
  id: string;
  title: Msg;
  /** "Returning … of {unit} for {year}: type your comment" and "the comment is too long". */
  askComment: Msg;
  commentTooLong: Msg;
  /** The person may decide on this unit's record. */
  canApprove(ctx: Ctx, unitId: string): boolean;
  /** The record decided on, as it is now. */
  current(s: DecisionState): Promise<R | undefined>;
  /** The refusal in the person's language. */
  refusal(ctx: Ctx, s: DecisionState, why: RefusalReason, record?: R): string;
  /** Approves or returns; the lines that tell the head what was done, or why not. */
  decide(ctx: Ctx, s: DecisionState, decision: 'approve' | 'return', comment?: string): Promise<{ lines: string[] } | Refused>;
}

/**
 * The flow behind approve / return buttons (a registration, a self-assessment): approve at once,
 * or ask the comment of a return; every step re-checks the person's right through `decide`.
 */
export function decisionFlow<R extends { status: string; version: number }>(spec: DecisionSpec<R>): Flow<DecisionState> {
  const unitName = (ctx: Ctx, id: string) => ctx.services.units.name(id, ctx.locale);
  const ask = (ctx: Ctx, s: DecisionState) => [{ text: ctx.t(spec.askComment, { year: s.year, unit: unitName(ctx, s.unitId) }), choices: [{ label: ctx.t(COMMON.cancel), value: CANCEL }] }];
  const refused = (r: Refused): Step<DecisionState> => ({ done: true, replies: [{ text: r.refused }] });

  /** The checks the decision itself makes, before a comment is asked for. */
  async function precheck(ctx: Ctx, s: DecisionState): Promise<Refused | undefined> {
    const no = (why: RefusalReason, record?: R) => ({ refused: spec.refusal(ctx, s, why, record) });
    if (!spec.canApprove(ctx, s.unitId)) return no('forbidden');
    const record = await spec.current(s);
    if (!record) return no('missing');
    if (record.status !== 'submitted') return no('status', record);
    if (record.version !== s.version) return no('stale', record);
    return undefined;
  }

  async function conclude(ctx: Ctx, s: DecisionState, decision: 'approve' | 'return', comment?: string): Promise<Step<DecisionState>> {
    const out = await spec.decide(ctx, s, decision, comment);
    return 'refused' in out ? refused(out) : { done: true, replies: [{ text: out.lines.join('\n') }] };
  }

  return {
    id: spec.id,
    title: spec.title,
    state: decisionState,
    async start(ctx) {
      const m = BUTTON.exec(ctx.in.args ?? '');
      if (!m) return { done: true, replies: [{ text: ctx.t(COMMON.badButton) }] };
      const s = { unitId: m[2], year: Number(m[3]), version: Number(m[4]) };
      if (m[1] === 'approve') return conclude(ctx, s, 'approve');
      const no = await precheck(ctx, s);
      return no ? refused(no) : { state: s, replies: ask(ctx, s) };
    },
    resume: ask,
    async onInput(ctx, s) {
      const comment = ctx.in.text?.trim() ?? '';
      if (!comment) return { state: s, replies: [{ text: ctx.t(spec.askComment, { year: s.year, unit: unitName(ctx, s.unitId) }) }] };
      if (comment.length > 1000) return { state: s, replies: [{ text: ctx.t(spec.commentTooLong) }] };
      return conclude(ctx, s, 'return', comment);
    },
  };
}

/** A service's refusal as a reason shown to the head; any other refusal is a matter of status. */
export const reasonOf = (why: string): RefusalReason => (['forbidden', 'missing', 'stale', 'locked'].includes(why) ? (why as RefusalReason) : 'status');
