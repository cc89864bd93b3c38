import type { Config } from '../config.js';
import type { Background } from './background.js';
import type { Msg } from '../text/i18n.js';
import type { Notices } from './notices.js';
import type { Outbox } from './outbox.js';
import type { People, Person } from './people.js';
import type { Store } from './store.js';
import type { Incoming, Locale, Reply, Role } from './types.js';
import type { Units } from '../domain/units.js';

/** What every module gets: the process-wide parts, created once in main.ts (or a test). */
export interface Services {
  config: Config;
  store: Store;
  units: Units;
  people: People;
  outbox: Outbox;
  /** The durable outbox of messages that follow a state change. */
  notices: Notices;
  /** The clock; tests pass a controllable one. */
  now: () => Date;
  /** Work started by a handler that runs on after its answer (closing waits for it). */
  background: Background;
  /** Appends an entry to the audit log. */
  audit(actor: string, action: string, details?: Record<string, unknown>): Promise<void>;
}

/** One input being handled. `person` is read from the store for this input, never from the message. */
export interface Ctx {
  services: Services;
  in: Incoming;
  locale: Locale;
  person?: Person;
  now: Date;
  /** The one way to translate: `ctx.t(M.key, { name })` in the person's language. */
  t(msg: Msg, params?: Record<string, string | number>): string;
  /** What a handler may ask of the runtime that runs it. */
  runtime: RuntimeHandle;
}

/**
 * What a service needs of the one acting: who, from which chat (their confirmation goes there),
 * when, in which language. A chat turn's Ctx is one; a signed-in page of the web dashboard builds one.
 */
export type Acting = Pick<Ctx, 'services' | 'in' | 'locale' | 'person' | 'now' | 't'>;

/** The runtime as handlers see it (help lists the commands, joining runs the modules' onJoin). */
export interface RuntimeHandle {
  /** Every command of every module, in help order. */
  readonly commands: readonly Command[];
  /** What the modules say to a person who has just joined a unit or changed role (Module.onJoin). */
  joined(ctx: Ctx): Promise<Reply[]>;
  /** Keeps a person's language. */
  setLocale(inc: Pick<Incoming, 'platform' | 'userId'>, locale: Locale): Promise<void>;
}

/**
 * One step of a flow: what to answer, and either the state to keep (the flow goes on) or
 * `done: true` (the flow ends; its session is deleted). There is no other way to end a flow.
 */
export type Step<S> = { replies: Reply[]; state: S; done?: never } | { replies: Reply[]; done: true; state?: never };

/** A conversation as a step machine; its state is plain JSON validated by `state`. */
export interface Flow<S = unknown> {
  id: string;
  /**
   * Raise it when a change makes saved sessions of this flow mean something else (new steps,
   * another order): a session saved by another version is dropped with the "expired" note.
   * Default 1.
   */
  version?: number;
  /** Shown when the flow is left or expires, e.g. "đăng ký thi đua". */
  title: Msg;
  state: import('zod').ZodType<S>;
  start(ctx: Ctx): Promise<Step<S>>;
  onInput(ctx: Ctx, state: S): Promise<Step<S>>;
  back?(ctx: Ctx, state: S): Promise<Step<S>>;
  help?(ctx: Ctx, state: S): Reply[];
  /** The current question again, as it was last asked (after a restart). */
  resume?(ctx: Ctx, state: S): Reply[];
}

export interface Command {
  /** Vietnamese name first, then aliases (English); matched without diacritics or spaces. */
  names: string[];
  description: Msg;
  /** Starts this flow (by id) … */
  flow?: string;
  /** … or answers at once. */
  run?(ctx: Ctx): Promise<Reply[]>;
  /** Who sees it in /trogiup; `undefined` = everyone, [] = hidden. */
  roles?: Role[];
  /** Shown in /trogiup only when this says so (instead of `roles`). */
  visible?(ctx: Ctx): boolean;
  /** Needs a person bound to a unit. */
  needsPerson?: boolean;
  /** Deals with a unit's data: refused in group chats. */
  personal?: boolean;
  /**
   * True when these arguments start a whole form (Reply.form). An adapter whose form window must
   * open quickly (Slack's 3-second trigger) may open it before the answer is ready.
   */
  startsForm?: (args: string) => boolean;
}

/** Button values `prefix:arg:…` handled outside a flow (approvals, reminder acknowledgements …; see buttons.ts). */
export interface ActionHandler {
  prefix: string;
  /** Answers the press at once, given the value's arguments … */
  run?(ctx: Ctx, args: string[]): Promise<Reply[]>;
  /** … or starts this flow, with the arguments (joined by ':') as its command arguments (the flow re-checks them). */
  flow?: string;
}

export interface Module {
  name: string;
  commands?: Command[];
  flows?: Flow<any>[];
  actions?: ActionHandler[];
  /** Plain text in a private chat with no active flow (the question answerer). */
  onText?(ctx: Ctx): Promise<Reply[]>;
  /** Said to a person who has just joined a unit or changed role (e.g. a registration awaiting their approval). */
  onJoin?(ctx: Ctx): Promise<Reply[]>;
  /** Background work (the reminder scheduler); returns a stopper. */
  start?(): Promise<() => Promise<void>>;
}
