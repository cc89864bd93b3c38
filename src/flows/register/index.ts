import type { Module } from '../../bot/context.js';
import type { ModuleDeps } from '../deps.js';
import { decisionAction, decisionFlow, registerViews } from './approval.js';
import { exportCommand } from './export.js';
import { registerFlow, startsRegistrationForm } from './flow.js';
import { createKit } from './kit.js';
import { progressCommand } from './progress.js';

/** Registration of emulation targets: /dangky (xem, lichsu), approval buttons, /tiendo, /xuat. */
export function registerModule({ services }: Pick<ModuleDeps, 'services'>): Module {
  const kit = createKit(services);
  const views = registerViews(kit);
  return {
    name: 'register',
    commands: [
      {
        names: ['dangky', 'register'],
        description: { vi: 'đăng ký thi đua của đơn vị; /dangky xem, /dangky lichsu', en: 'register your unit’s emulation targets; /register view, /register history' },
        flow: 'register',
        needsPerson: true,
        personal: true,
        startsForm: startsRegistrationForm,
      },
      progressCommand(kit),
      exportCommand(kit),
    ],
    flows: [registerFlow(kit, views), decisionFlow(kit)],
    actions: [decisionAction],
    onJoin: (ctx) => views.awaiting(ctx),
  };
}

export { createKit } from './kit.js';
export { exportToFiles } from './export.js';
