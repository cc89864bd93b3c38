import { isValidSlackRequest } from '@slack/bolt';
import type { IncomingMessage } from 'node:http';
import { logger } from '../../../log.js';
import type { Store } from '../../store.js';
import { readBody, Refusals, type Handler } from '../http.js';

const log = logger('slack');

/** Slack signs a request with its time; one older or newer than this is refused. */
const MAX_SKEW_S = 5 * 60;

/**
 * Slack's HTTP requests, checked before Bolt sees them: a body over 1 MB is refused unread (413);
 * the signature must be right and its timestamp within 5 minutes either way (401); a signature
 * is accepted once — the replay cache is a store claim, so it holds across processes; an IP that
 * keeps being refused gets 429 before its body is read (http.ts Refusals). Bolt then verifies
 * the same body again and handles it.
 */
export function verifiedSlackRequests(listener: Handler, opts: { signingSecret: string; store: Store; trustedHops: number }): Handler {
  const refusals = new Refusals(opts.store, opts.trustedHops);
  return async (req, res) => {
    if (refusals.turnAway(req, res)) return;
    let body: Buffer | undefined;
    try {
      body = await readBody(req);
    } catch {
      return;
    }
    if (!body) return refusals.refuse(req, res, 413);
    const text = body.toString('utf8');
    // Slack's ssl_check is not signed; Bolt answers it and drops anything else in it.
    const sslCheck = req.headers['content-type'] === 'application/x-www-form-urlencoded' && new URLSearchParams(text).get('ssl_check') === '1';
    if (!sslCheck) {
      const signature = req.headers['x-slack-signature'];
      const timestamp = Number(req.headers['x-slack-request-timestamp']);
      const skew = Math.abs(Date.now() / 1000 - timestamp);
      const signed =
        typeof signature === 'string' &&
        skew <= MAX_SKEW_S &&
        isValidSlackRequest({ signingSecret: opts.signingSecret, body: text, headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp } });
      if (!signed) {
        log.warn('slack request refused: bad signature or timestamp', { remote: req.socket.remoteAddress });
        return refusals.refuse(req, res, 401);
      }
      if (!(await opts.store.claim(`slack-signature:${signature}`, 2 * MAX_SKEW_S * 1000))) {
        log.warn('slack request refused: replayed', { remote: req.socket.remoteAddress });
        return refusals.refuse(req, res, 401);
      }
    }
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    listener(req, res);
  };
}
