import { html, type Html } from './html.js';

/**
 * Charts drawn on the server as SVG (no script, readable when printed): a stacked bar of counts
 * with its numbers written on it, and horizontal bars of values (scores) with their labels.
 */
export interface Segment {
  key: string;
  label: string;
  value: number;
  color: string;
}

/** One bar of segments across the width; each segment wide enough shows its count. */
export function stackedBar(segments: Segment[], label: string): Html {
  const total = segments.reduce((s, x) => s + x.value, 0) || 1;
  const W = 400;
  const H = 30;
  let x = 0;
  const parts = segments
    .filter((s) => s.value > 0)
    .map((s) => {
      const w = (s.value / total) * W;
      const r = html`<rect x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="${H}" fill="${s.color}"><title>${s.label}: ${s.value}</title></rect>${
        w >= 22 ? html`<text x="${(x + w / 2).toFixed(1)}" y="${H / 2 + 5}" text-anchor="middle" font-size="15" font-weight="700" fill="#fff">${s.value}</text>` : ''
      }`;
      x += w;
      return r;
    });
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}"><rect x="0" y="0" width="${W}" height="${H}" fill="#eef0f3"/>${parts}</svg>`;
}

/** Horizontal bars, one per row, against `max`: the label above its bar (readable on a phone), the value after it. */
export function barChart(rows: { label: string; value: number }[], max: number, label: string): Html {
  const W = 400;
  const ROW = 42;
  const H = rows.length * ROW + 4;
  const room = W - 44;
  const scale = room / (max || 1);
  const clip = (s: string) => (s.length > 50 ? `${s.slice(0, 49)}…` : s);
  return html`<svg class="chart bars" viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}">${rows.map((r, i) => {
    const y = i * ROW + 2;
    const w = Math.min(room, Math.max(0, r.value * scale));
    return html`<text x="0" y="${y + 14}" font-size="14" fill="#1b1f24">${clip(r.label)}<title>${r.label}</title></text><rect x="0" y="${y + 20}" width="${W - 44}" height="15" fill="#eef0f3"/><rect x="0" y="${y + 20}" width="${w.toFixed(1)}" height="15" fill="#114a8b"/><text x="${(w + 4).toFixed(1)}" y="${y + 33}" font-size="14" font-weight="700" fill="#1b1f24">${r.value}</text>`;
  })}</svg>`;
}
