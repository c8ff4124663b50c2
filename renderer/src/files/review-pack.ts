/**
 * The printable review pack: what a leadership team walks through — the pulse's answers, every key
 * result with a chart of its check-ins, and the blockers with the path that leads to them. Built as
 * an HTML string with no scripts and no inline style attributes (the app's CSP allows neither), so
 * the same markup prints from the app's page (browser mode) and from Electron's printToPDF.
 * DOM-free: benches and tests build it in Node.
 */
import { ROOT_ID, percentText, shownName, type NodeView, type PlanIndex } from '../../../shared/model/index.js';
import { blockedFor } from '../../../shared/model/signals.js';
import { pulseQuestions } from '../pulse/pulse-figures.js';
import { formatPlanDay } from '../outline/labels.js';
import { printableDocument } from '../../../shared/bridge/desktop-api.js';
import { largest, smallest } from '../../../shared/collections/long-lists.js';
import { balancedBidiText, sentenceParts } from '../../../shared/text/bidi-isolation.js';
import { editableText } from '../../../shared/text/control-characters.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/**
 * Stored text (a title, a name, a unit, a blocker's reason) in the pack: its control characters and overrides
 * named (‹RLO›, `editableText`), its other bidi controls balanced, isolated in a `<bdi>`. The model refuses an
 * override typed today, but a plan keeps what an older version, a plan file or a stock client stored; raw in
 * the pack it reversed the figures after it ("customers‮ · now 3 · 38%" printed "… %83 · 3 won", review46a F1).
 */
const storedHtml = (text: string) => `<bdi>${escapeHtml(balancedBidiText(editableText(text)))}</bdi>`;

/** One of our sentences with stored texts isolated in it (FSI … PDI, `isolatedText`), each isolate a `<bdi>`. */
const sentenceHtml = (sentence: string) => sentenceParts(sentence).map((part) => (part.isolated ? storedHtml(part.text) : escapeHtml(editableText(part.text)))).join('');

/** The titles from the plan's top down to a node, each isolated: one title's override cannot reverse the others. */
const pathHtml = (index: PlanIndex, id: string) => index.pathToRoot(id).slice(1).reverse().map((ancestor) => storedHtml(index.title(ancestor))).join(' › ');

const DAY = 86_400_000;

/**
 * The day of `ms` in the plan's zone (the day its figures, due dates and periods, count it in), written as
 * the views write a day ("Dec 5, 2026" / "5 Dec 2026"): the pack printed an ISO day beside views in the
 * reader's locale (leftovers46b).
 */
function dateText(ms: number, timeZone: string): string {
  return formatPlanDay(ms, timeZone);
}

/** A small SVG line chart of a key result's check-ins against its start and target (presentation attributes only). */
export function keyResultChart(index: PlanIndex, node: NodeView): string {
  const points = index.checkIns(node.id).filter((checkIn) => checkIn.value !== null).map((checkIn) => ({ at: checkIn.at, value: checkIn.value! }));
  const { start, target } = node.fields;
  const width = 220, height = 64, pad = 6;
  if (points.length === 0) return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="No check-ins yet"><text x="${pad}" y="${height / 2}" font-size="10" fill="#6b7385">No check-ins yet</text></svg>`;
  const values = [...points.map((point) => point.value), ...(start !== undefined ? [start] : []), ...(target !== undefined ? [target] : [])];
  const low = smallest(values), high = largest(values);
  const span = high - low || 1;
  const first = points[0]!.at, last = points[points.length - 1]!.at;
  const time = last - first || DAY;
  const x = (at: number) => pad + ((at - first) / time) * (width - 2 * pad);
  const y = (value: number) => height - pad - ((value - low) / span) * (height - 2 * pad);
  const line = points.map((point, i) => `${i === 0 ? 'M' : 'L'}${x(point.at).toFixed(1)},${y(point.value).toFixed(1)}`).join(' ');
  const targetLine = target !== undefined ? `<line x1="${pad}" x2="${width - pad}" y1="${y(target).toFixed(1)}" y2="${y(target).toFixed(1)}" stroke="#2f7d4f" stroke-dasharray="4 3" stroke-width="1"/>` : '';
  const lastPoint = points[points.length - 1]!;
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${points.length} check-ins, latest ${lastPoint.value}${target !== undefined ? `, target ${target}` : ''}">${targetLine}<path d="${line}" fill="none" stroke="#2b59c3" stroke-width="2"/><circle cx="${x(lastPoint.at).toFixed(1)}" cy="${y(lastPoint.value).toFixed(1)}" r="3" fill="#2b59c3"/></svg>`;
}

function healthText(node: NodeView): string {
  return node.health === 'on_track' ? 'On track' : node.health === 'at_risk' ? 'At risk' : 'Off track';
}

function percent(value: number | null): string {
  return value === null ? '—' : percentText(value);
}

/**
 * What a pack is built for: `now` is the moment its figures are read at; `asOfLabel` names the review point or
 * day when the plan shown is the plan as it was then (the pack says so in its subtitle).
 */
export interface PackOptions { planName: string; now: number; asOfLabel?: string | null; cascadeImage?: string | null }

/** The review pack's body markup (no <html>/<head>): pulse, key results with charts, blockers. */
export function reviewPackBody(index: PlanIndex, options: PackOptions): string {
  const summary = index.summary();
  const people = new Map<string, string>([...index.people(), ...index.removedPeople()].map((person) => [person.id, shownName(person)]));
  const pulse = pulseQuestions(index).map((question) => `<li class="pulse-${question.tone}"><span class="question">${sentenceHtml(question.question)}</span><span class="figure">${sentenceHtml(question.figure)}</span><span class="detail">${sentenceHtml(question.detail)}</span></li>`).join('');
  const keyResults: string[] = [];
  const blockers: string[] = [];
  const visit = (id: string) => {
    const node = index.node(id);
    if (!node) return;
    if (node.kind === 'key_result') {
      const owner = node.fields.owner ? people.get(node.fields.owner) : undefined;
      const metric = `${node.fields.start ?? 0} → ${node.fields.target ?? '?'}${node.fields.unit ? ` ${storedHtml(node.fields.unit)}` : ''}`;
      keyResults.push(`<article class="kr health-${node.health}"><div class="kr-text"><p class="path">${pathHtml(index, id)}</p><h3>${storedHtml(node.title || 'Untitled')}</h3><p class="meta">${metric} · now ${node.value ?? '—'} · ${percent(node.progress)} · ${healthText(node)}${owner ? ` · ${storedHtml(owner)}` : ''}</p></div>${keyResultChart(index, node)}</article>`);
    }
    if (node.kind === 'task' && node.fields.status === 'blocked') {
      // In the words of the task's blocked signal, which the same pack shows ("Blocked for 2 days").
      const clock = { now: options.now, settings: index.settings, timeZone: index.timeZone };
      const since = node.fields.blockedSince ? blockedFor(Math.min(node.fields.blockedSince, options.now), clock).toLowerCase() : 'blocked';
      const owner = node.fields.assignee ? people.get(node.fields.assignee) : node.fields.owner ? people.get(node.fields.owner) : undefined;
      blockers.push(`<li><strong>${storedHtml(node.title || 'Untitled')}</strong> <span class="since">${since}${owner ? ` · ${storedHtml(owner)}` : ''}</span>${node.fields.blockedReason ? `<span class="reason">${storedHtml(node.fields.blockedReason)}</span>` : ''}<span class="path">${pathHtml(index, id)}</span></li>`);
    }
    for (const child of index.children(id)) visit(child);
  };
  for (const id of index.children(ROOT_ID)) visit(id);
  const cascade = options.cascadeImage ? `<section class="cascade"><h2>The cascade</h2><img alt="The plan's cascade" src="${escapeHtml(options.cascadeImage)}"></section>` : '';
  return `<main class="review-pack">
<header><h1>${storedHtml(options.planName)}</h1><p class="subtitle">Review pack · ${options.asOfLabel ? `as of “<bdi>${sentenceHtml(options.asOfLabel)}</bdi>”, ` : ''}${dateText(options.now, index.timeZone)} · progress ${percent(summary.progress)} · ${summary.alignedShare === null ? '' : `${percent(summary.alignedShare)} of active work aligned`}</p></header>
<section class="pulse"><h2>Execution pulse</h2><ul>${pulse}</ul></section>
${cascade}
<section class="krs"><h2>Key results (${keyResults.length})</h2>${keyResults.join('\n')}</section>
<section class="blockers"><h2>Blockers (${blockers.length})</h2>${blockers.length > 0 ? `<ul>${blockers.join('')}</ul>` : '<p>Nothing is blocked.</p>'}</section>
</main>`;
}

/** Print styles of the pack (browser mode adopts them as a constructed stylesheet, which the CSP allows). */
export const REVIEW_PACK_CSS = `
@page { size: A4; margin: 16mm 14mm; }
.review-pack { font: 11px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1d2433; overflow-wrap: anywhere; }
.review-pack .kr-text { flex: 1 1 auto; min-width: 0; } .review-pack .kr .chart { flex: none; }
.review-pack h1 { font-size: 22px; margin: 0; }
.review-pack h2 { font-size: 14px; margin: 18px 0 8px; border-bottom: 1px solid #d8dce5; padding-bottom: 4px; break-after: avoid; }
.review-pack h3 { font-size: 12px; margin: 0; }
.review-pack .subtitle, .review-pack .path, .review-pack .meta, .review-pack .since { color: #5b6477; margin: 0; }
.review-pack .pulse ul { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: 1fr 1fr; gap: 6px; }
.review-pack .pulse li { border: 1px solid #d8dce5; border-left-width: 4px; border-radius: 4px; padding: 6px 8px; display: flex; flex-direction: column; break-inside: avoid; }
.review-pack .pulse li.pulse-good { border-left-color: #2f7d4f; } .review-pack .pulse li.pulse-warn { border-left-color: #b7791f; } .review-pack .pulse li.pulse-bad { border-left-color: #c53030; }
.review-pack .question { font-weight: 600; } .review-pack .figure { font-size: 16px; font-weight: 700; } .review-pack .detail { color: #5b6477; }
.review-pack .kr { display: flex; justify-content: space-between; align-items: center; gap: 12px; padding: 6px 0; border-bottom: 1px solid #eef0f4; break-inside: avoid; }
.review-pack .kr.health-off_track h3::before { content: "● "; color: #c53030; } .review-pack .kr.health-at_risk h3::before { content: "● "; color: #b7791f; } .review-pack .kr.health-on_track h3::before { content: "● "; color: #2f7d4f; }
.review-pack .blockers li { margin-bottom: 6px; break-inside: avoid; } .review-pack .blockers .reason, .review-pack .blockers .path { display: block; color: #5b6477; }
.review-pack .cascade { break-inside: avoid; } .review-pack .cascade img { display: block; max-width: 100%; max-height: 225mm; margin: 0 auto; }
`;

/** A complete, script-free document for Electron's printToPDF and for tests that render the PDF. */
export function reviewPackDocument(index: PlanIndex, options: PackOptions): string {
  return printableDocument({ suggestedName: '', title: `${options.planName} — review pack`, bodyHtml: reviewPackBody(index, options), css: REVIEW_PACK_CSS });
}
