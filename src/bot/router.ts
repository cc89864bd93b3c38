import type { ActionHandler, Command, Flow, Module } from './context.js';
import { parseButton } from './buttons.js';
import type { Incoming } from './types.js';
import { fold } from '../text/vntext.js';

/** Folded, space-free command name: "Đăng ký" → "dangky". */
export const commandKey = (name: string) => fold(name).replace(/[^a-z0-9]/g, '');

/** The start payload of a link that runs `command` in the private chat (see Reply.toPrivate). */
export const startPayload = (command: string) => `p_${commandKey(command)}`;
const START_PAYLOAD = /^p_([a-z0-9]+)$/;

/** Fills `command`/`args` from text such as "/dangky xem" or "/start@thidua_bot CODE". */
export function parseCommand(inc: Incoming): Incoming {
  if (inc.command !== undefined || !inc.text) return inc;
  const m = /^\/([^\s@]+)(?:@\S+)?\s*([\s\S]*)$/.exec(inc.text.trim());
  if (!m) return inc;
  return { ...inc, command: m[1], args: m[2].trim() };
}

/** The commands, flows and button handlers of all modules, looked up by name. */
export class Router {
  private commands = new Map<string, Command>();
  private flows = new Map<string, Flow<any>>();
  private actions = new Map<string, ActionHandler>();
  readonly list: Command[] = [];
  readonly textHandlers: NonNullable<Module['onText']>[] = [];
  readonly joinHooks: NonNullable<Module['onJoin']>[] = [];

  constructor(modules: Module[]) {
    for (const m of modules) {
      for (const c of m.commands ?? []) {
        this.list.push(c);
        for (const n of c.names) {
          const k = commandKey(n);
          if (this.commands.has(k)) throw new Error(`command "${n}" defined twice`);
          this.commands.set(k, c);
        }
      }
      for (const f of m.flows ?? []) this.flows.set(f.id, f);
      for (const a of m.actions ?? []) this.actions.set(a.prefix, a);
      if (m.onText) this.textHandlers.push(m.onText);
      if (m.onJoin) this.joinHooks.push(m.onJoin);
    }
  }

  /**
   * Finds the command; a two-word name typed with a space ("đăng ký xem") is tried too,
   * the rest staying as arguments. "/start p_<command>" (a link from a group) is that command.
   */
  command(inc: Incoming): { command: Command; args: string } | undefined {
    if (inc.command === undefined) return undefined;
    const link = commandKey(inc.command) === 'start' ? START_PAYLOAD.exec(inc.args ?? '') : null;
    const linked = link ? this.commands.get(link[1]) : undefined;
    if (linked) return { command: linked, args: '' };
    const one = this.commands.get(commandKey(inc.command));
    if (one) return { command: one, args: inc.args ?? '' };
    const [next, ...rest] = (inc.args ?? '').split(/\s+/);
    const two = next ? this.commands.get(commandKey(inc.command + next)) : undefined;
    return two ? { command: two, args: rest.join(' ') } : undefined;
  }

  flow(id: string): Flow<any> | undefined {
    return this.flows.get(id);
  }

  /** The handler of a button value and the value's arguments (see buttons.ts). */
  action(value: string): { handler: ActionHandler; args: string[] } | undefined {
    const b = parseButton(value);
    const handler = b && this.actions.get(b.prefix);
    return handler ? { handler, args: b.args } : undefined;
  }
}
