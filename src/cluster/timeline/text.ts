// The timeline as text, one line per change: the time since recording
// began, then each revision with pods (newest first) and its counts, or an
// event marked with `*`:
//   +12s   rev 2  ready 1/3  starting 2 | rev 1  ready 2  terminating 1
//   +12s   * revision 2 created

import { type RevisionCounts, type RolloutTimeline, type Sample, timelineName } from './model.ts';

/** `12s`, `2.5s`, `1m05s`, `1h02m03s`: a duration in the style of Go's time.Duration, trimmed. */
export function formatOffset(ms: number): string {
  const total = Math.max(0, ms) / 1000;
  if (total < 60) {
    const rounded = Math.round(total * 10) / 10;
    if (rounded < 60) return `${Number.isInteger(rounded) ? rounded : rounded.toFixed(1)}s`;
  }
  // (59.97s rounds up to a minute)
  const secs = Math.max(60, Math.floor(total));
  const h = Math.floor(secs / 3600);
  const m = Math.floor((secs % 3600) / 60);
  const s = secs % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}h${pad(m)}m${pad(s)}s` : `${m}m${pad(s)}s`;
}

/** The newest revision shows its ready pods against those wanted; older ones their ready pods when any. */
function revisionText(r: RevisionCounts, desired: number | undefined): string {
  const parts = [`rev ${r.revision || '?'}`];
  if (desired !== undefined) parts.push(`ready ${r.ready}/${desired}`);
  else if (r.ready) parts.push(`ready ${r.ready}`);
  if (r.running) parts.push(`not-ready ${r.running}`);
  if (r.starting) parts.push(`starting ${r.starting}`);
  if (r.terminating) parts.push(`terminating ${r.terminating}`);
  return parts.join('  ');
}

/** One sample's line: the newest revision's ready count against the pods wanted. */
export function sampleText(sample: Sample): string {
  if (sample.revisions.length === 0) return sample.desired ? `no pods (${sample.desired} wanted)` : 'no pods';
  return sample.revisions.map((r, i) => revisionText(r, i === 0 ? sample.desired : undefined)).join(' | ');
}

/** ISO time to the second (ms when not whole), as the header shows when recording began. */
export function isoTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

export function timelineText(timeline: RolloutTimeline): string {
  const { workload } = timeline;
  const lines: [number, string][] = [];
  // Events first at equal times: they explain the sample that follows.
  for (const e of timeline.events) lines.push([e.t, `* ${e.message}`]);
  const eventCount = lines.length;
  for (const s of timeline.samples) lines.push([s.t, sampleText(s)]);
  const order = lines.map((l, i) => ({ l, i }));
  order.sort(
    (a, b) => a.l[0] - b.l[0] || (a.i < eventCount ? 0 : 1) - (b.i < eventCount ? 0 : 1) || a.i - b.i,
  );
  const offsets = order.map(({ l }) => `+${formatOffset(l[0] - timeline.start)}`);
  const width = Math.max(0, ...offsets.map((o) => o.length)) + 2;
  const out = [
    `${timelineName(workload).replace('.', '/')} in namespace ${workload.namespace}, recorded since ${isoTime(timeline.start)}`,
  ];
  if (timeline.truncated) out.push('(older samples and events were dropped)');
  order.forEach(({ l }, i) => {
    out.push(`${offsets[i].padEnd(width)}${l[1]}`);
  });
  return `${out.join('\n')}\n`;
}
