import type { Config } from '../config.js';
import { auditEntry } from './audit.js';
import { Background } from './background.js';
import type { Services } from './context.js';
import { deliverySchema, ledgerSteps } from './delivery.js';
import { Notices } from './notices.js';
import { Repo } from './repo.js';
import { Outbox } from './outbox.js';
import { People } from './people.js';
import type { Store } from './store.js';
import { Units } from '../domain/units.js';
import { join } from 'node:path';

/** Builds the process-wide services from an open store. */
export function createServices(opts: { config: Config; store: Store; units?: Units; outbox?: Outbox; now?: () => Date }): Services {
  const units = opts.units ?? Units.load(join(opts.config.DATA_DIR, 'units.yaml'));
  const now = opts.now ?? (() => new Date());
  const services: Services = {
    config: opts.config,
    store: opts.store,
    units,
    people: new People(opts.store, units),
    outbox: opts.outbox ?? new Outbox(),
    notices: undefined as never, // set below: it needs the services
    now,
    background: new Background(),
    audit: (actor, action, details) => opts.store.batch([auditEntry(now(), actor, action, details)]),
  };
  services.notices = new Notices(services);
  services.outbox.ledger ??= ledgerSteps(services, new Repo(opts.store, 'deliveries', deliverySchema));
  return services;
}
