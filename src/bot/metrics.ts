/**
 * The process's counters and gauges in the Prometheus text format (GET /metrics). Counters are
 * this process's (Prometheus sums the replicas); gauges read at scrape time (the queue depth is
 * the deployment's, read from Redis).
 */
type Labels = Record<string, string>;

const HELP: Record<string, [type: 'counter' | 'gauge', help: string]> = {
  thidua_updates_total: ['counter', 'Platform updates (messages, button presses, commands) handled'],
  thidua_updates_duplicate_total: ['counter', 'Updates delivered again by the platform and not handled twice'],
  thidua_answers_total: ['counter', 'Inputs answered by the runtime, by outcome (ok, refused, not_saved, error)'],
  thidua_webhook_refusals_total: ['counter', 'Webhook requests refused (wrong secret or signature, too big, rate limited)'],
  thidua_sends_total: ['counter', 'Messages accepted by the platform'],
  thidua_send_failures_total: ['counter', 'Platform calls that failed'],
  thidua_rate_limited_total: ['counter', '429 "too many requests" answers from the platform'],
  thidua_job_failures_total: ['counter', 'Queue jobs that failed (retried or for good)'],
  thidua_queue_depth: ['gauge', 'Send jobs waiting, delayed or running'],
  thidua_store_healthy: ['gauge', '1 while the store accepts writes'],
  thidua_queue_healthy: ['gauge', '1 while the queue backend is reachable'],
};

const key = (name: string, labels: Labels) => {
  const l = Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');
  return l ? `${name}{${l}}` : name;
};

class Metrics {
  private counters = new Map<string, { name: string; value: number }>();
  private gauges = new Map<string, () => Promise<number>>();

  count(name: string, labels: Labels = {}, by = 1): void {
    const k = key(name, labels);
    const c = this.counters.get(k);
    if (c) c.value += by;
    else this.counters.set(k, { name, value: by });
  }

  /** A gauge read at each scrape (the last registration of a name wins). */
  gauge(name: string, read: () => Promise<number>): void {
    this.gauges.set(name, read);
  }

  /** The value of a counter (tests). */
  value(name: string, labels: Labels = {}): number {
    return this.counters.get(key(name, labels))?.value ?? 0;
  }

  async text(): Promise<string> {
    const lines: string[] = [];
    const byName = new Map<string, string[]>();
    for (const [k, c] of this.counters) byName.set(c.name, [...(byName.get(c.name) ?? []), `${k} ${c.value}`]);
    for (const [name, read] of this.gauges) {
      const v = await read().catch(() => NaN);
      byName.set(name, [`${name} ${Number.isNaN(v) ? 'NaN' : v}`]);
    }
    for (const name of Object.keys(HELP)) if (!byName.has(name) && HELP[name][0] === 'counter') byName.set(name, [`${name} 0`]);
    for (const [name, samples] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
      const [type, help] = HELP[name] ?? ['untyped', name];
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`, ...samples);
    }
    return lines.join('\n') + '\n';
  }
}

/** The process's metrics. */
export const metrics = new Metrics();
