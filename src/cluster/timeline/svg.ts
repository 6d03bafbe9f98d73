// The timeline as a picture: pods over time as stacked step areas, one
// colour per revision (oldest at the bottom), its ready pods solid and the
// not-ready, starting and terminating ones in lighter shades of the same
// colour; the pods wanted as a dashed line; events as dotted verticals (new
// revisions labelled). Self-contained SVG: no scripts, no external fonts
// or references, deterministic for a given timeline.

import { type PodState, type RevisionCounts, type RolloutTimeline, timelineName } from './model.ts';
import { formatOffset, isoTime } from './text.ts';

const width = 820;
const height = 360;
const margin = { left: 48, right: 190, top: 40, bottom: 44 };
const plotWidth = width - margin.left - margin.right;
const plotHeight = height - margin.top - margin.bottom;
/** Legend rows for revisions: what fits above the state legend. */
const maxLegendRevisions = 7;

/** Tableau 10: distinguishable, and readable in grey scale by lightness. */
const palette = [
  '#4e79a7',
  '#f28e2b',
  '#59a14f',
  '#e15759',
  '#76b7b2',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#bab0ac',
];

/** Bottom to top within a revision, with the shade each state is drawn in. */
const stateLayers: { state: PodState; opacity: number; label: string }[] = [
  { state: 'ready', opacity: 0.9, label: 'ready' },
  { state: 'running', opacity: 0.55, label: 'running, not ready' },
  { state: 'starting', opacity: 0.3, label: 'starting' },
  { state: 'terminating', opacity: 0.12, label: 'terminating' },
];

function escapeXml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
  );
}

const num = (v: number) => String(Math.round(v * 10) / 10);

/** The smallest step from the list giving at most maxTicks ticks over span. */
function niceStep(span: number, steps: number[], maxTicks: number): number {
  for (const s of steps) if (span / s <= maxTicks) return s;
  let s = steps[steps.length - 1];
  while (span / s > maxTicks) s *= 2;
  return s;
}

const timeSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400].map(
  (s) => s * 1000,
);
const countSteps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];

interface Band {
  key: string;
  revision: number;
  name: string;
  color: string;
}

export function timelineSvg(timeline: RolloutTimeline): string {
  const { samples, events, start } = timeline;
  const last = Math.max(samples.at(-1)?.t ?? start, events.at(-1)?.t ?? start);
  // The last sample lasts until now; read right after it changed, give it a sliver to be seen.
  const end = Math.max(timeline.now, last + Math.max(1000, (last - start) / 25));
  const span = Math.max(end - start, 1000);
  const x = (t: number) => margin.left + ((t - start) / span) * plotWidth;

  const bandKey = (r: RevisionCounts) => `${r.revision}/${r.name}`;
  const seen = new Map<string, RevisionCounts>();
  for (const s of samples) for (const r of s.revisions) if (!seen.has(bandKey(r))) seen.set(bandKey(r), r);
  const bands: Band[] = [...seen.values()]
    .sort((a, b) => a.revision - b.revision || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((r, i) => ({
      key: bandKey(r),
      revision: r.revision,
      name: r.name,
      color: palette[i % palette.length],
    }));

  let maxY = 1;
  for (const s of samples) {
    let total = 0;
    for (const r of s.revisions) total += r.ready + r.running + r.starting + r.terminating;
    maxY = Math.max(maxY, total, s.desired);
  }
  const yStep = niceStep(maxY, countSteps, 6);
  const yMax = Math.ceil(maxY / yStep) * yStep;
  const y = (v: number) => margin.top + plotHeight - (v / yMax) * plotHeight;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
  );
  const title = `${timelineName(timeline.workload).replace('.', '/')} (${timeline.workload.namespace})`;
  out.push(`<title>rollout timeline of ${escapeXml(title)}</title>`);
  out.push(`<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(
    `<text x="${margin.left}" y="22" font-size="14" font-weight="bold" fill="#222222">${escapeXml(title)}</text>`,
  );

  // Grid and axes.
  out.push('<g stroke="#e6e6e6" stroke-width="1">');
  for (let v = yStep; v <= yMax; v += yStep)
    out.push(
      `<line x1="${margin.left}" y1="${num(y(v))}" x2="${margin.left + plotWidth}" y2="${num(y(v))}"/>`,
    );
  out.push('</g>');
  out.push('<g fill="#444444" text-anchor="end">');
  for (let v = 0; v <= yMax; v += yStep)
    out.push(`<text x="${margin.left - 6}" y="${num(y(v) + 4)}">${v}</text>`);
  out.push('</g>');
  const tStep = niceStep(span, timeSteps, 10);
  out.push('<g fill="#444444" text-anchor="middle">');
  for (let t = 0; t <= span; t += tStep) {
    const tx = num(x(start + t));
    out.push(
      `<line x1="${tx}" y1="${margin.top + plotHeight}" x2="${tx}" y2="${margin.top + plotHeight + 4}" stroke="#444444"/>`,
    );
    out.push(`<text x="${tx}" y="${margin.top + plotHeight + 16}">${formatOffset(t)}</text>`);
  }
  out.push('</g>');
  out.push(
    `<text x="${margin.left + plotWidth / 2}" y="${height - 8}" fill="#444444" text-anchor="middle">time since ${isoTime(start)}</text>`,
  );
  out.push(
    `<text x="14" y="${margin.top + plotHeight / 2}" fill="#444444" text-anchor="middle" transform="rotate(-90 14 ${margin.top + plotHeight / 2})">pods</text>`,
  );

  // Stacked step areas: for each sample, the pods below each layer.
  if (samples.length > 0) {
    const base = samples.map(() => 0);
    out.push('<g stroke="none">');
    for (const band of bands) {
      for (const layer of stateLayers) {
        const values = samples.map(
          (s) => s.revisions.find((r) => bandKey(r) === band.key)?.[layer.state] ?? 0,
        );
        if (values.every((v) => v === 0)) continue;
        const lower = [...base];
        const upper = base.map((b, i) => b + values[i]);
        const times = samples.map((s) => s.t);
        let d = `M${num(x(times[0]))} ${num(y(upper[0]))}`;
        for (let i = 0; i < samples.length; i++) {
          const next = i + 1 < samples.length ? times[i + 1] : end;
          d += `H${num(x(next))}`;
          if (i + 1 < samples.length) d += `V${num(y(upper[i + 1]))}`;
        }
        d += `V${num(y(lower[samples.length - 1]))}`;
        for (let i = samples.length - 1; i >= 0; i--) {
          d += `H${num(x(times[i]))}`;
          if (i > 0) d += `V${num(y(lower[i - 1]))}`;
        }
        d += 'Z';
        const label = `rev ${band.revision || '?'} ${layer.label}`;
        out.push(
          `<path d="${d}" fill="${band.color}" fill-opacity="${layer.opacity}"><title>${escapeXml(label)}</title></path>`,
        );
        for (let i = 0; i < base.length; i++) base[i] = upper[i];
      }
    }
    out.push('</g>');

    // Pods wanted.
    let d = `M${num(x(samples[0].t))} ${num(y(samples[0].desired))}`;
    for (let i = 0; i < samples.length; i++) {
      const next = i + 1 < samples.length ? samples[i + 1].t : end;
      d += `H${num(x(next))}`;
      if (i + 1 < samples.length) d += `V${num(y(samples[i + 1].desired))}`;
    }
    out.push(`<path d="${d}" fill="none" stroke="#222222" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }

  // Events.
  out.push('<g stroke="#888888" stroke-dasharray="2 3">');
  for (const e of events) {
    const ex = num(x(e.t));
    out.push(
      `<line x1="${ex}" y1="${margin.top}" x2="${ex}" y2="${margin.top + plotHeight}"><title>+${formatOffset(e.t - start)} ${escapeXml(e.message)}</title></line>`,
    );
  }
  out.push('</g>');
  out.push('<g fill="#222222" font-size="10">');
  for (const e of events) {
    const label =
      e.type === 'RevisionCreated'
        ? `rev ${e.revision}`
        : e.type === 'Condition' && e.reason === 'ProgressDeadlineExceeded'
          ? 'deadline exceeded'
          : undefined;
    if (label) out.push(`<text x="${num(x(e.t) + 3)}" y="${margin.top - 4}">${escapeXml(label)}</text>`);
  }
  out.push('</g>');

  // Plot frame.
  out.push(
    `<rect x="${margin.left}" y="${margin.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#444444"/>`,
  );

  // Legend: revisions (newest first), then the shades of a state, then the line.
  const lx = margin.left + plotWidth + 16;
  let ly = margin.top + 4;
  out.push('<g fill="#222222">');
  // Newest first; the oldest beyond what fits are summed up.
  const shown = [...bands].reverse();
  const hidden = shown.length > maxLegendRevisions ? shown.splice(maxLegendRevisions - 1) : [];
  for (const band of shown) {
    const name = band.name.length > 20 ? `${band.name.slice(0, 19)}…` : band.name;
    out.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${band.color}" fill-opacity="0.9"/>`);
    out.push(`<text x="${lx + 18}" y="${ly + 10}">rev ${band.revision || '?'} ${escapeXml(name)}</text>`);
    ly += 18;
  }
  if (hidden.length > 0) {
    out.push(`<text x="${lx + 18}" y="${ly + 10}">+${hidden.length} older revisions</text>`);
    ly += 18;
  }
  ly += 8;
  for (const layer of stateLayers) {
    out.push(
      `<rect x="${lx}" y="${ly}" width="12" height="12" fill="#555555" fill-opacity="${layer.opacity}" stroke="#555555" stroke-width="0.5"/>`,
    );
    out.push(`<text x="${lx + 18}" y="${ly + 10}">${layer.label}</text>`);
    ly += 18;
  }
  out.push(
    `<line x1="${lx}" y1="${ly + 6}" x2="${lx + 12}" y2="${ly + 6}" stroke="#222222" stroke-width="1.5" stroke-dasharray="3 2"/>`,
  );
  out.push(`<text x="${lx + 18}" y="${ly + 10}">pods wanted</text>`);
  ly += 18;
  out.push(
    `<line x1="${lx}" y1="${ly + 6}" x2="${lx + 12}" y2="${ly + 6}" stroke="#888888" stroke-dasharray="2 3"/>`,
  );
  out.push(`<text x="${lx + 18}" y="${ly + 10}">event</text>`);
  out.push('</g>');
  if (timeline.truncated)
    out.push(
      `<text x="${margin.left + plotWidth}" y="22" fill="#888888" text-anchor="end">older samples dropped</text>`,
    );
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
