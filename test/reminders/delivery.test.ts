import { describe, expect, it } from 'vitest';
import { Deliverer, type Delivery, type Outgoing } from '../../src/bot/delivery.js';
import { Ledger } from '../../src/flows/reminders/ledger.js';
import { reminderApp } from './helpers.js';

const msg = (n: number): Outgoing => ({
  key: `rem|t-ack|d7|console:p${n}`,
  to: { platform: 'console', chatId: `chat-p${n}`, person: `console:p${n}` },
  reply: { text: `nhắc ${n}` },
  meta: { kind: 'reminder', deadlineId: 't-ack', unitId: 'cuc-btp' },
});

describe('recovery of records left by a process that died', () => {
  it('re-sends a "queued" one (it never left), marks a "sending" one uncertain and does not repeat it', async () => {
    const t = await reminderApp();
    const ledger = new Ledger(t.app.store);
    const dead = (status: Delivery['status'], n: number): Delivery => ({
      kind: 'reminder', deadlineId: 't-ack', unitId: 'cuc-btp', to: `console:p${n}`, platform: 'console', chatId: `chat-p${n}`,
      status, attempt: 1, owner: 'dead-process', at: t.clock.now().toISOString(), history: [],
    });
    await ledger.deliveries.set(msg(1).key, dead('queued', 1));
    await ledger.deliveries.set(msg(2).key, dead('sending', 2));
    await ledger.deliveries.set(msg(3).key, { ...dead('sent', 3), sentAt: t.clock.now().toISOString() });
    const d = new Deliverer(t.app.services, ledger.deliveries);
    expect(await d.deliver([msg(1), msg(2), msg(3), msg(4)])).toEqual({ sent: 2, failed: 0, skipped: 2 });
    expect(t.sent.map((s) => s.chatId).sort()).toEqual(['chat-p1', 'chat-p4']);
    expect(await ledger.deliveries.get(msg(1).key)).toMatchObject({ status: 'sent', attempt: 2 });
    expect(await ledger.deliveries.get(msg(2).key)).toMatchObject({ status: 'uncertain' });
    expect((await ledger.deliveries.get(msg(4).key))?.history.map((h) => h.status)).toEqual(['queued', 'sending', 'sent']);
    // A second pass, or a second process, sends nothing more.
    expect(await new Deliverer(t.app.services, ledger.deliveries).deliver([msg(1), msg(2), msg(3), msg(4)])).toEqual({ sent: 0, failed: 0, skipped: 4 });
    expect(t.sent).toHaveLength(2);
  });
});
