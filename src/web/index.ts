import type { Services } from '../bot/context.js';
import type { Knowledge } from '../knowledge/index.js';
import { createWebKit } from './kit.js';
import { createWebHandler, type WebHandler } from './server.js';

/** The web dashboard's request handler, mounted under WEB_PATH on the shared HTTP server (main.ts, `thidua web`). */
export const WEB_PATH = '/app/';

export function webDashboard(services: Services, knowledge: Knowledge): WebHandler {
  return createWebHandler(createWebKit(services, knowledge));
}
