/**
 * Button values (Choice.value): `prefix:arg:arg…`. The prefix names a module's ActionHandler, or
 * is `f` for an answer to the active flow. Values are never trusted: whoever handles one re-checks
 * everything it names. Build them with `button`/`flowButton`, read them with `parseButton`/`flowArgs`.
 */
export const FLOW = 'f';

export type ButtonArg = string | number;

export const button = (prefix: string, ...args: ButtonArg[]): string => [prefix, ...args].join(':');

/** A button that answers the active flow: `flowButton('do', 'submit')`. */
export const flowButton = (...args: ButtonArg[]): string => button(FLOW, ...args);

export const CANCEL = flowButton('cancel');
export const BACK = flowButton('back');

/** The one parser: the prefix and arguments of a value; undefined when it is none. */
export function parseButton(value: string | undefined): { prefix: string; args: string[] } | undefined {
  if (value === undefined) return undefined;
  const [prefix, ...args] = value.split(':');
  return /^[a-z]{1,8}$/.test(prefix) && args.length ? { prefix, args } : undefined;
}

/** The arguments of a button of the active flow (`f:do:submit` → ['do', 'submit']); undefined for any other value. */
export function flowArgs(value: string | undefined): string[] | undefined {
  const b = parseButton(value);
  return b?.prefix === FLOW ? b.args : undefined;
}
