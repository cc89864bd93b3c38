import type { Module, Services } from '../bot/context.js';
import type { Knowledge } from '../knowledge/index.js';

/** What every module is built from: the process-wide services and the knowledge base. */
export interface ModuleDeps {
  services: Services;
  knowledge: Knowledge;
}

/** The one shape of a module: `(deps) => Module`. */
export type ModuleFactory = (deps: ModuleDeps) => Module;
