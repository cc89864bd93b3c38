import { z } from 'zod';
import { CANCEL, button, flowArgs, flowButton } from '../../bot/buttons.js';
import { argWords } from '../shared/args.js';
import { COMMON } from '../../bot/messages.js';
import type { ActionHandler, Ctx, Flow, Step } from '../../bot/context.js';
import { formStateSchema, promptField, startForm, validateForm, walkForm, formBack } from '../../bot/form.js';
import { personKey } from '../../bot/people.js';
import { truncate } from '../../text/truncate.js';
import type { FormField, FormSpec, Reply } from '../../bot/types.js';
import { key } from '../../text/vntext.js';
import { showLocal } from '../../domain/dates.js';
import { announce, castBallot, closeBallot, openBallot, repOf, resultText, type CastOutcome } from './ballot-service.js';
import type { Choice as Vote } from './box.js';
import { actorOf, parseWhen, reviewAccess, targetOf, localTime, type ReviewKit } from './kit.js';
import { M, ruleText } from './messages.js';
import { ReviewRecords, type Ballot } from './records.js';
import { neededVoters, proposeCandidates, ranking } from './scoring.js';

/** /bophieu: cast the unit's secret ballot; /bophieu mo|dong|xem|uyquyen for the cluster head and the unit head. */

const YES = new Set(['dong y', 'co', 'yes', 'y', 'agree', 'tan thanh', 'dy', 'ok', 'approve']);
const NO = new Set(['khong dong y', 'khong', 'no', 'n', 'disagree', 'phan doi', 'kdy', 'ko', 'k']);

/** One field per candidate: "Đồng ý" / "Không đồng ý", as a button, its number, or typed (with or without diacritics). */
export function voteSpec(kit: ReviewKit, b: Ballot, ctx: Pick<Ctx, 't' | 'locale'>): FormSpec {
  const fields: FormField[] = b.candidates.map((unit, i) => ({
    id: `c${i}`,
    label: ctx.t(M.candField, { i: i + 1, n: b.candidates.length, unit: kit.services.units.name(unit, ctx.locale) }),
    kind: 'choice',
    choices: [
      { label: ctx.t(M.yes), value: 'yes' },
      { label: ctx.t(M.no), value: 'no' },
    ],
    parse: (raw: string) => {
      const k = key(raw);
      if (YES.has(k) || k === '1') return 'yes';
      if (NO.has(k) || k === '2') return 'no';
      return raw;
    },
    schema: z.enum(['yes', 'no'], { message: ctx.t(M.yesNoOnly) }),
  }));
  return { id: 'review-vote', title: ctx.t(M.voteTitle), fields, submitLabel: ctx.t(M.voteSend).replace(/^\S+\s/, '') };
}

const choicesOf = (b: Ballot, values: Record<string, unknown>): Record<string, Vote> | undefined => {
  const out: Record<string, Vote> = {};
  for (let i = 0; i < b.candidates.length; i++) {
    const v = values[`c${i}`];
    if (v !== 'yes' && v !== 'no') return undefined;
    out[b.candidates[i]] = v;
  }
  return out;
};

const voteState = z.object({ mode: z.enum(['pick', 'form', 'confirm']), ballotId: z.string().optional(), form: formStateSchema });
type VoteState = z.infer<typeof voteState>;

const SEND = new Set(['gui phieu', 'gui', 'send', 'send ballot', 'nop phieu', 'bo phieu']);
const REDO = new Set(['chon lai', 'lam lai', 'redo', 'again', 'sua']);

/** The message for a cast's outcome, in the voter's language. */
export function castText(kit: ReviewKit, ctx: Ctx, outcome: CastOutcome, b: Ballot | undefined): string {
  const unit = kit.services.units.name(ctx.person?.unitId ?? '', ctx.locale);
  const p: Record<string, string | number> = b ? { unit, title: b.title[ctx.locale], year: b.year, closes: showLocal(b.closesAt, kit.tz), cluster: kit.services.units.name(b.clusterId, ctx.locale) } : { unit };
  switch (outcome) {
    case 'counted':
      return ctx.t(M.voteCounted, p);
    case 'already':
      return ctx.t(M.voteAlready, p);
    case 'closed':
      return ctx.t(M.voteClosed, p);
    case 'not-member':
      return ctx.t(M.voteNotMember, p);
    case 'not-voter':
      return ctx.t(M.voteNotVoter, p);
    case 'invalid':
      return ctx.t(M.voteInvalid);
    case 'error':
      return ctx.t(M.voteError);
    default:
      return ctx.t(M.voteUnknown);
  }
}

export function voteFlow(kit: ReviewKit): Flow<VoteState> {
  const units = kit.services.units;

  /** Open ballots of the person's cluster where the unit has not voted yet. */
  async function pending(ctx: Ctx): Promise<Ballot[]> {
    const p = ctx.person!;
    const out: Ballot[] = [];
    for (const b of await kit.records.listBallots())
      if (b.state === 'open' && b.eligible.includes(p.unitId) && Date.parse(b.closesAt) > ctx.now.getTime() && !(await kit.box.voters(b.id)).includes(p.unitId)) out.push(b);
    return out.sort((a, c) => a.closesAt.localeCompare(c.closesAt));
  }

  /** Refusals that do not need a form: not a voter, not a member, closed, already voted. */
  async function precheck(ctx: Ctx, b: Ballot): Promise<string | undefined> {
    const p = ctx.person;
    if (!p || !b.eligible.includes(p.unitId)) return castText(kit, ctx, 'not-member', b);
    if (!reviewAccess.canVote(p, p.unitId, await repOf(kit, b.year, p.unitId))) return castText(kit, ctx, 'not-voter', b);
    if (b.state !== 'open' || Date.parse(b.closesAt) <= ctx.now.getTime()) return castText(kit, ctx, 'closed', b);
    if ((await kit.box.voters(b.id)).includes(p.unitId)) return castText(kit, ctx, 'already', b);
    return undefined;
  }

  async function begin(ctx: Ctx, b: Ballot): Promise<Step<VoteState>> {
    const no = await precheck(ctx, b);
    if (no) return { done: true, replies: [{ text: no }] };
    const spec = voteSpec(kit, b, ctx);
    const { state, reply } = startForm(spec, ctx.locale);
    const intro = ctx.t(M.voteIntro, { title: b.title[ctx.locale], year: b.year, cluster: units.name(b.clusterId, ctx.locale), unit: units.name(ctx.person!.unitId, ctx.locale), closes: showLocal(b.closesAt, kit.tz) });
    return { state: { mode: 'form', ballotId: b.id, form: state }, replies: [{ text: intro, form: spec, personal: true }, reply] };
  }

  async function cast(ctx: Ctx, b: Ballot, values: Record<string, unknown>): Promise<Step<VoteState>> {
    const choices = choicesOf(b, values);
    if (!choices) return { done: true, replies: [{ text: ctx.t(M.voteInvalid) }] };
    const { outcome, ballot } = await castBallot(kit, ctx.person, b.id, choices, ctx.now);
    // Done whatever the outcome: the choices leave the session store with this step.
    return { done: true, replies: [{ text: castText(kit, ctx, outcome, ballot ?? b) }] };
  }

  function confirm(ctx: Ctx, b: Ballot, s: VoteState): Step<VoteState> {
    const lines = b.candidates.map((u, i) => `• ${units.name(u, ctx.locale)}: ${ctx.t(s.form.values[`c${i}`] === 'yes' ? M.yes : M.no)}`);
    return {
      state: { ...s, mode: 'confirm' },
      replies: [
        {
          text: ctx.t(M.voteReview, { unit: units.name(ctx.person!.unitId, ctx.locale), title: b.title[ctx.locale], year: b.year, lines: lines.join('\n') }),
          choices: [
            { label: ctx.t(M.voteSend), value: flowButton('do', 'send') },
            { label: ctx.t(M.voteRedo), value: flowButton('do', 'redo') },
            { label: ctx.t(COMMON.cancel), value: CANCEL },
          ],
          personal: true,
        },
      ],
    };
  }

  return {
    id: 'review-vote',
    title: M.voteTitle,
    state: voteState,
    async start(ctx) {
      const wanted = (ctx.in.args ?? '').trim();
      if (wanted) {
        const b = await kit.records.getBallot(wanted);
        if (!b) return { done: true, replies: [{ text: ctx.t(M.voteUnknown) }] };
        return begin(ctx, b);
      }
      const open = await pending(ctx);
      const unit = units.name(ctx.person!.unitId, ctx.locale);
      if (!open.length) {
        const any = (await kit.records.listBallots()).some((b) => b.state === 'open' && b.eligible.includes(ctx.person!.unitId));
        return { done: true, replies: [{ text: ctx.t(any ? M.allVoted : M.noBallot, { unit }) }] };
      }
      if (open.length === 1) return begin(ctx, open[0]);
      return {
        state: { mode: 'pick', form: { index: 0, values: {} } },
        replies: [{ text: ctx.t(M.pickBallot), choices: [...open.map((b) => ({ label: `${b.title[ctx.locale]} ${b.year}`, value: flowButton('b', b.id) })), { label: ctx.t(COMMON.cancel), value: CANCEL }] }],
      };
    },
    async onInput(ctx, s) {
      if (s.mode === 'pick') {
        const open = await pending(ctx);
        const n = Number(ctx.in.text?.trim());
        const picked = flowArgs(ctx.in.action);
        const b = picked?.[0] === 'b' ? open.find((x) => x.id === picked[1]) : Number.isInteger(n) && n >= 1 ? open[n - 1] : undefined;
        if (!b) return { state: s, replies: [{ text: ctx.t(M.pickBallot), choices: open.map((x) => ({ label: `${x.title[ctx.locale]} ${x.year}`, value: flowButton('b', x.id) })) }] };
        return begin(ctx, b);
      }
      const b = s.ballotId ? await kit.records.getBallot(s.ballotId) : undefined;
      if (!b) return { done: true, replies: [{ text: ctx.t(M.voteUnknown) }] };
      // Roles and the ballot's state are checked again at every step, whatever a button says.
      const no = await precheck(ctx, b);
      if (no) return { done: true, replies: [{ text: no }] };
      const spec = voteSpec(kit, b, ctx);
      if (ctx.in.form) {
        const r = validateForm(spec, ctx.in.form, ctx.locale);
        if (!r.ok) return { state: s, replies: [{ text: ctx.t(M.voteInvalid), formErrors: r.errors }] };
        return cast(ctx, b, r.values);
      }
      if (s.mode === 'confirm') {
        const typed = key(ctx.in.text ?? '');
        if (ctx.in.action === flowButton('do', 'send') || (!ctx.in.action && SEND.has(typed))) return cast(ctx, b, s.form.values);
        if (ctx.in.action === flowButton('do', 'redo') || (!ctx.in.action && REDO.has(typed))) {
          const { state, reply } = startForm(spec, ctx.locale);
          return { state: { ...s, mode: 'form', form: state }, replies: [reply] };
        }
        return confirm(ctx, b, s);
      }
      const r = walkForm(spec, s.form, ctx.in, ctx.locale);
      if (r.kind === 'continue') return { state: { ...s, form: r.state }, replies: [r.reply] };
      return confirm(ctx, b, { ...s, form: { index: spec.fields.length, values: r.values } });
    },
    async back(ctx, s) {
      const b = s.ballotId ? await kit.records.getBallot(s.ballotId) : undefined;
      if (!b) return { done: true, replies: [{ text: ctx.t(M.voteUnknown) }] };
      const spec = voteSpec(kit, b, ctx);
      const form = s.mode === 'confirm' ? { index: spec.fields.length - 1, values: s.form.values } : s.form;
      if (s.mode === 'confirm') return { state: { ...s, mode: 'form', form }, replies: [promptField(spec, form, ctx.locale)] };
      const r = formBack(spec, form, ctx.locale);
      return { state: { ...s, form: r.state }, replies: [r.reply] };
    },
  };
}

// ───────────────────────────── opening a ballot (cluster head) ─────────────────────────────

const openState = z.object({ mode: z.enum(['form', 'confirm']), clusterId: z.string(), year: z.number().int(), titleId: z.string().optional(), form: formStateSchema });
type OpenState = z.infer<typeof openState>;

export function openFlow(kit: ReviewKit): Flow<OpenState> {
  const units = kit.services.units;

  async function specOf(ctx: Ctx, s: OpenState, values: Record<string, unknown> = s.form.values): Promise<FormSpec> {
    const cfg = kit.reviews.get(s.clusterId, s.year)!;
    const members = units.cluster(s.clusterId)?.unitIds ?? [];
    const titleId = (s.titleId ?? values.title) as string | undefined;
    const rows = ranking(cfg, units, await kit.records.listSa(s.year));
    const proposed = titleId ? proposeCandidates(cfg, titleId, rows, await kit.records.listBallots({ clusterId: s.clusterId, year: s.year })) : [];
    const example = showLocal(localTime(cfg.dates.meeting, kit.tz).getTime() > ctx.now.getTime() ? localTime(cfg.dates.meeting.slice(0, 10) + ' 17:00', kit.tz) : new Date(ctx.now.getTime() + 86400_000), kit.tz);
    const fields: FormField[] = [];
    if (!s.titleId)
      fields.push({
        id: 'title',
        label: ctx.t(M.fTitle),
        kind: 'choice',
        choices: cfg.titles.map((t) => ({ label: t.name[ctx.locale], value: t.id })),
        schema: z.enum(cfg.titles.map((t) => t.id) as [string, ...string[]]),
        ...(values.title ? { initial: values.title } : {}),
      });
    fields.push({
      id: 'candidates',
      label: ctx.t(M.fCandidates),
      kind: 'multi',
      choices: members.map((u) => ({ label: units.name(u, ctx.locale), value: u })),
      schema: z.array(z.string()).min(1, { message: ctx.t(M.noCandidates) }),
      help: (() => {
        const list = proposed.length ? proposed.map((u) => units.name(u, ctx.locale)).join('; ') : '—';
        const from = cfg.titles.find((t) => t.id === titleId)?.from;
        const source = from && from !== 'ranking' ? cfg.titles.find((t) => t.id === from) : undefined;
        return source ? ctx.t(M.fCandidatesFrom, { title: source.name[ctx.locale], list }) : ctx.t(M.fCandidatesHelp, { list });
      })(),
      ...(proposed.length ? { initial: proposed } : {}),
    });
    fields.push({
      id: 'closes',
      label: ctx.t(M.fCloses),
      kind: 'text',
      help: ctx.t(M.fClosesHelp, { example }),
      schema: z.unknown().transform((v, c) => {
        const at = parseWhen(String(v ?? ''), kit.tz);
        if (!at) c.addIssue({ code: 'custom', message: ctx.t(M.badTime) });
        else if (at.getTime() <= ctx.now.getTime()) c.addIssue({ code: 'custom', message: ctx.t(M.pastTime) });
        return at ? at.toISOString() : z.NEVER;
      }),
    });
    return { id: 'review-open', title: ctx.t(M.openTitle), fields, submitLabel: ctx.t(M.openConfirm).replace(/^\S+\s/, '') };
  }

  function confirm(ctx: Ctx, s: OpenState): Step<OpenState> {
    const cfg = kit.reviews.get(s.clusterId, s.year)!;
    const titleId = (s.titleId ?? s.form.values.title) as string;
    const title = cfg.titles.find((t) => t.id === titleId)!;
    const candidates = s.form.values.candidates as string[];
    const draft = { eligible: units.cluster(s.clusterId)?.unitIds ?? [], settings: { ...cfg.voting, sample: cfg.sample }, year: s.year } as Ballot;
    const text = ctx.t(M.openReview, {
      title: title.name[ctx.locale],
      year: s.year,
      list: candidates.map((u) => units.name(u, ctx.locale)).join('; '),
      closes: showLocal(String(s.form.values.closes), kit.tz),
      n: draft.eligible.length,
      rule: ruleText(ctx.locale, draft, neededVoters(draft)),
    });
    return {
      state: { ...s, mode: 'confirm' },
      replies: [{ text: `${text}\n\n${ctx.t(M.openConfirmHint)}`, choices: [{ label: ctx.t(M.openConfirm), value: flowButton('do', 'open') }, { label: ctx.t(COMMON.cancel), value: CANCEL }], personal: true }],
    };
  }

  async function open(ctx: Ctx, s: OpenState): Promise<Step<OpenState>> {
    const titleId = (s.titleId ?? s.form.values.title) as string;
    const out = await openBallot(kit, actorOf(ctx), { clusterId: s.clusterId, year: s.year, titleId, candidates: s.form.values.candidates as string[], closesAt: new Date(String(s.form.values.closes)) }, ctx.now);
    const cfg = kit.reviews.get(s.clusterId, s.year)!;
    const tname = cfg.titles.find((t) => t.id === titleId)?.name[ctx.locale] ?? titleId;
    if (!out.ok) {
      const text =
        out.why === 'exists'
          ? ctx.t(M.openExists, { title: tname, year: s.year })
          : out.why === 'forbidden'
            ? ctx.t(M.openNotAllowed)
            : out.why === 'past'
              ? ctx.t(M.pastTime)
              : out.why === 'bad-candidates'
                ? ctx.t(M.openBadCandidates, { list: (out.detail ?? []).join(', ') })
                : ctx.t(M.noCandidates);
      return { done: true, replies: [{ text }] };
    }
    await announce(kit, ctx.now).catch(() => undefined);
    return { done: true, replies: [{ text: ctx.t(M.opened, { title: tname, year: s.year, closes: showLocal(out.ballot.closesAt, kit.tz) }) }] };
  }

  return {
    id: 'review-open',
    title: M.openTitle,
    state: openState,
    async start(ctx) {
      const args = argWords(ctx);
      const { clusterId, year } = targetOf(kit, ctx, args);
      if (!reviewAccess.canManage(ctx.person, clusterId, units)) return { done: true, replies: [{ text: ctx.t(M.openNotAllowed) }] };
      const cfg = kit.reviews.get(clusterId, year);
      if (!cfg) return { done: true, replies: [{ text: ctx.t(M.noConfig, { year, cluster: units.name(clusterId, ctx.locale), clusterId }) }] };
      const titleId = args.map((a) => a.toLowerCase()).find((a) => cfg.titles.some((t) => t.id === a));
      const s: OpenState = { mode: 'form', clusterId, year, titleId, form: { index: 0, values: {} } };
      const spec = await specOf(ctx, s);
      const { state, reply } = startForm(spec, ctx.locale);
      // The whole form at once (a Slack modal): the first title preselected, with its proposed candidates.
      const modal = titleId ? spec : await specOf(ctx, s, { title: cfg.titles[0].id });
      return { state: { ...s, form: state }, replies: [{ text: ctx.t(M.openIntro, { year, cluster: units.name(clusterId, ctx.locale) }), form: modal, personal: true }, reply] };
    },
    async onInput(ctx, s) {
      if (!reviewAccess.canManage(ctx.person, s.clusterId, units)) return { done: true, replies: [{ text: ctx.t(M.openNotAllowed) }] };
      if (ctx.in.form) {
        const spec = await specOf(ctx, s, ctx.in.form);
        const r = validateForm(spec, ctx.in.form, ctx.locale);
        if (!r.ok) {
          const list = Object.entries(r.errors).map(([id, e]) => `• ${spec.fields.find((f) => f.id === id)?.label ?? id}: ${e}`);
          return { state: s, replies: [{ text: ctx.t(M.formErrors, { n: list.length, list: list.join('\n') }), formErrors: r.errors }] };
        }
        // The modal's submit button is the confirmation.
        return open(ctx, { ...s, form: { index: spec.fields.length, values: r.values } });
      }
      if (s.mode === 'confirm') {
        const typed = key(ctx.in.text ?? '');
        if (ctx.in.action === flowButton('do', 'open') || (!ctx.in.action && ['mo', 'mo phieu', 'open', 'ok', 'dong y'].includes(typed))) return open(ctx, s);
        return confirm(ctx, s);
      }
      const spec = await specOf(ctx, s);
      const r = walkForm(spec, s.form, ctx.in, ctx.locale);
      if (r.kind === 'continue') {
        // The candidates proposed depend on the title just chosen.
        const next = { ...s, form: r.state };
        return { state: next, replies: [r.state.index !== s.form.index ? promptField(await specOf(ctx, next), r.state, ctx.locale) : r.reply] };
      }
      return confirm(ctx, { ...s, form: { index: spec.fields.length, values: r.values } });
    },
    async back(ctx, s) {
      const spec = await specOf(ctx, s);
      const form = s.mode === 'confirm' ? { index: spec.fields.length - 1, values: s.form.values } : s.form;
      if (s.mode === 'confirm') return { state: { ...s, mode: 'form', form }, replies: [promptField(spec, form, ctx.locale)] };
      const r = formBack(spec, form, ctx.locale);
      return { state: { ...s, form: r.state }, replies: [r.reply] };
    },
  };
}

// ───────────────────────────── close, status, representative ─────────────────────────────

export function ballotViews(kit: ReviewKit) {
  const units = kit.services.units;

  /** /bophieu dong: the open ballots of the cluster as buttons; a press asks to confirm. */
  async function closeMenu(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const { clusterId } = targetOf(kit, ctx, args);
    if (!reviewAccess.canManage(ctx.person, clusterId, units)) return [{ text: ctx.t(M.openNotAllowed) }];
    const open = (await kit.records.listBallots({ clusterId })).filter((b) => b.state === 'open');
    if (!open.length) return [{ text: ctx.t(M.noOpen, { cluster: units.name(clusterId, ctx.locale) }) }];
    return [{ text: ctx.t(M.pickClose, { n: open.length }), choices: open.map((b) => ({ label: `🔒 ${b.title[ctx.locale]} ${b.year}`, value: button('rv', 'close', b.id) })) }];
  }

  /** /bophieu xem [năm]: per ballot, who has voted (never how); counts once closed. A unit sees whether it voted. */
  async function status(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const { clusterId, year } = targetOf(kit, ctx, args);
    const p = ctx.person!;
    const manage = reviewAccess.canManage(p, clusterId, units);
    const ballots = (await kit.records.listBallots({ clusterId, year })).sort((a, b) => a.openedAt.localeCompare(b.openedAt));
    if (!ballots.length) return [{ text: ctx.t(M.noBallots, { year, cluster: units.name(clusterId, ctx.locale) }) }];
    const blocks: string[] = [];
    for (const b of ballots) {
      const voters = b.state === 'closed' && b.result ? b.result.voters : await kit.box.voters(b.id);
      const head = ctx.t(M.statusTitle, { title: b.title[ctx.locale], year: b.year, state: ctx.t(b.state === 'open' ? M.stOpen : M.stClosed), closes: showLocal(b.closedAt ?? b.closesAt, kit.tz) });
      if (b.state === 'closed' && b.result) {
        blocks.push(resultText(kit, b, ctx.locale));
        if (manage) blocks.push(ctx.t(M.statusVoted, { n: voters.length, eligible: b.eligible.length, list: voters.map((u) => units.name(u, ctx.locale)).join('; ') || '—' }));
        continue;
      }
      if (!manage) {
        if (b.eligible.includes(p.unitId)) blocks.push(`${head}\n${ctx.t(M.statusUnit, { unit: units.name(p.unitId, ctx.locale), state: ctx.t(voters.includes(p.unitId) ? M.unitVoted : M.unitNotVoted) })}`);
        continue;
      }
      const notYet = b.eligible.filter((u) => !voters.includes(u));
      blocks.push(
        [
          head,
          ctx.t(M.statusVoted, { n: voters.length, eligible: b.eligible.length, list: voters.map((u) => units.name(u, ctx.locale)).join('; ') || '—' }),
          ctx.t(M.statusPending, { list: notYet.map((u) => units.name(u, ctx.locale)).join('; ') || '—' }),
          ctx.t(M.statusSecret),
        ].join('\n'),
      );
    }
    return [{ text: blocks.join('\n\n') || ctx.t(M.noBallots, { year, cluster: units.name(clusterId, ctx.locale) }), personal: true }];
  }

  /** /bophieu uyquyen: the head names one person of the unit to vote for it this year. */
  async function delegate(ctx: Ctx, args: string[]): Promise<Reply[]> {
    const p = ctx.person!;
    const { year } = targetOf(kit, ctx, args);
    if (p.role !== 'head' && p.role !== 'cluster-head') return [{ text: ctx.t(M.repNotHead) }];
    const me = personKey(p.platform, p.userId);
    const others = (await kit.services.people.list()).filter((x) => x.unitId === p.unitId && personKey(x.platform, x.userId) !== me);
    if (!others.length) return [{ text: ctx.t(M.repNobody) }];
    const current = await kit.records.reps.get(ReviewRecords.repKey(year, p.unitId));
    const lines = [ctx.t(M.repPick, { unit: units.name(p.unitId, ctx.locale), year })];
    if (current) lines.push(ctx.t(M.repCurrent, { name: current.name ?? current.person }));
    return [{ text: lines.join('\n'), choices: others.slice(0, 20).map((x) => ({ label: truncate(`${x.name ?? x.userId} (${x.platform})`, 60), value: button('rv', 'rep', year, personKey(x.platform, x.userId)) })), personal: true }];
  }

  return { closeMenu, status, delegate };
}

/** Buttons `rv:close:<id>`, `rv:closeok:<id>`, `rv:rep:<year>:<person>`: every press re-checks the role. */
export function ballotActions(kit: ReviewKit): ActionHandler {
  const units = kit.services.units;
  return {
    prefix: 'rv',
    async run(ctx, [what, ...tail]) {
      const arg = tail.join(':');
      if (!ctx.person) return [{ text: ctx.t(M.openNotAllowed) }];
      if (what === 'close' || what === 'closeok') {
        const b = await kit.records.getBallot(arg);
        if (!b) return [{ text: ctx.t(M.voteUnknown) }];
        if (!reviewAccess.canManage(ctx.person, b.clusterId, units)) return [{ text: ctx.t(M.openNotAllowed) }];
        const p = { title: b.title[ctx.locale], year: b.year };
        if (b.state === 'closed') return [{ text: ctx.t(M.closedBefore, p) }];
        if (what === 'close') {
          const voted = (await kit.box.voters(b.id)).length;
          return [{ text: ctx.t(M.closeConfirm, { ...p, voted, eligible: b.eligible.length }), choices: [{ label: ctx.t(M.closeYes), value: button('rv', 'closeok', b.id) }, { label: ctx.t(COMMON.cancel), value: 'rv:none:' }] }];
        }
        const out = await closeBallot(kit, actorOf(ctx), b.id, ctx.now);
        if (!out.ok) return [{ text: ctx.t(out.why === 'forbidden' ? M.openNotAllowed : M.voteUnknown) }];
        await announce(kit, ctx.now).catch(() => undefined);
        return [{ text: `${ctx.t(out.closedNow ? M.closedNow : M.closedBefore, p)}\n\n${resultText(kit, out.ballot, ctx.locale)}`, personal: true }];
      }
      if (what === 'rep') {
        const m = /^(\d{4}):(.+)$/.exec(arg);
        const p = ctx.person;
        if (!m) return [{ text: ctx.t(COMMON.badButton) }];
        if (p.role !== 'head' && p.role !== 'cluster-head') return [{ text: ctx.t(M.repNotHead) }];
        const year = Number(m[1]);
        const chosen = (await kit.services.people.list()).find((x) => personKey(x.platform, x.userId) === m[2]);
        if (!chosen || chosen.unitId !== p.unitId) return [{ text: ctx.t(M.repGone) }];
        await kit.records.reps.set(ReviewRecords.repKey(year, p.unitId), { person: m[2], name: chosen.name, by: personKey(p.platform, p.userId), at: ctx.now.toISOString() });
        await kit.services.audit(personKey(p.platform, p.userId), 'ballot-representative', { unitId: p.unitId, year, person: m[2] });
        const l = chosen.locale ?? 'vi';
        await kit.services.outbox
          .send({ platform: chosen.platform, chatId: chosen.chatId, userId: chosen.userId }, [{ text: ctx.t(M.repNotice, { unit: units.name(p.unitId, l), year }), personal: true }], { broadcast: true })
          .catch(() => undefined);
        return [{ text: ctx.t(M.repSet, { name: chosen.name ?? chosen.userId, unit: units.name(p.unitId, ctx.locale), year }) }];
      }
      if (what === 'none') return [{ text: ctx.t(M.cancelled) }];
      return [{ text: ctx.t(COMMON.badButton) }];
    },
  };
}
