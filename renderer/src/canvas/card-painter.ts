import { KIND_LABELS, percentFigure } from '../../../shared/model/index.js';
import { namedControlText } from '../../../shared/text/control-characters.js';
import { firstStrongDirection } from '../../../shared/text/bidi-isolation.js';
import { graphemeEnds } from '../../../shared/text/cut-text.js';
import { CardFlag, kindAt, type CascadeSnapshot } from './cascade-snapshot.js';
import type { CanvasTheme } from './palette.js';
import { plural } from '../outline/labels.js';

/** Everything one card needs to be painted in full detail. */
export interface CardLook {
  row: number;
  /** Top-left corner and size in world units. */
  left: number; top: number; width: number; height: number;
  /** Nodes hidden under the card (a collapsed subtree) and their health counts. */
  hidden: number;
  hiddenHealth: readonly [number, number, number];
}

const BADGES: readonly { flag: number; label: string }[] = [
  { flag: CardFlag.blocked, label: 'Blocked' },
  { flag: CardFlag.overdue, label: 'Overdue' },
  { flag: CardFlag.forecastMiss, label: 'Forecast miss' },
  { flag: CardFlag.stale, label: 'Stale' },
];

/** Badges of a row, in the order they are drawn. */
export function badgesOf(snapshot: CascadeSnapshot, row: number): string[] {
  const flags = snapshot.flags[row]!;
  return BADGES.filter((badge) => (flags & badge.flag) !== 0).map((badge) => badge.label);
}

export function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number | number[]): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

/** The width of a text in the current font (the canvas's measureText; pure functions take it as a parameter). */
export type MeasureText = (text: string) => number;

const measureWith = (ctx: CanvasRenderingContext2D): MeasureText => (text) => ctx.measureText(text).width;

/**
 * Cuts `text` to `maxWidth` with an ellipsis (binary search on the measured width). The cut falls
 * between graphemes only, so an emoji, a flag or an accented letter is kept whole or dropped whole.
 */
export function fitText(measure: MeasureText, text: string, maxWidth: number): string {
  if (measure(text) <= maxWidth) return text;
  const ends = graphemeEnds(text);
  // `kept` graphemes fit; the answer is the largest such count (0: the ellipsis alone).
  let low = 0, high = ends.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (measure(`${text.slice(0, ends[mid - 1])}…`) <= maxWidth) low = mid;
    else high = mid - 1;
  }
  return `${text.slice(0, low === 0 ? 0 : ends[low - 1])}…`;
}

/**
 * A card's title as drawn: a control character stored in it is named in letters (`Win NUL DACH`), as in
 * the outline, because its Control Pictures sign is a box in many fonts (DejaVu among them).
 */
export function cardTitleText(title: string): string {
  return namedControlText(title) || 'Untitled';
}

/** Splits a title into at most `lines` lines that fit `maxWidth`, the last one cut with an ellipsis. */
export function wrapTitle(measure: MeasureText, title: string, maxWidth: number, lines: number): string[] {
  const words = title.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < words.length; i++) {
    const candidate = current ? `${current} ${words[i]}` : words[i]!;
    if (measure(candidate) <= maxWidth || !current) { current = candidate; continue; }
    if (out.length === lines - 1) { current = `${current} ${words.slice(i).join(' ')}`; break; }
    out.push(current);
    current = words[i]!;
  }
  if (current) out.push(current);
  return out.slice(0, lines).map((line, i) => (i === lines - 1 || measure(line) > maxWidth ? fitText(measure, line, maxWidth) : line));
}

/** Screen size (px) of a title on a card too small for the whole card: the smallest that reads. */
export const SMALL_TITLE_PX = { standard: 11, presentation: 12 } as const;

/**
 * The title alone on a card between the 'title' and 'full' widths (fix44 F6), at a fixed small size on
 * screen (`k` is the zoom), wrapped to the lines the card's height holds and cut with an ellipsis so it
 * never leaves the card. The card's box and stripe are painted by the caller.
 */
export function paintCardTitle(ctx: CanvasRenderingContext2D, snapshot: CascadeSnapshot, row: number, box: { left: number; top: number; width: number; height: number }, theme: CanvasTheme, k: number): void {
  const size = SMALL_TITLE_PX[theme.name] / k;
  const pad = 5 / k;
  const lineHeight = size * 1.25;
  const lines = Math.max(1, Math.min(3, Math.floor((box.height - 2 * pad) / lineHeight)));
  // The theme's title face at the small size: only the size in the font shorthand changes.
  ctx.font = theme.titleFont.replace(/\d+px/, `${size.toFixed(2)}px`);
  ctx.fillStyle = (snapshot.flags[row]! & CardFlag.inactive) !== 0 ? theme.muted : theme.text;
  ctx.textBaseline = 'middle';
  const left = box.left + 10 + pad;
  const title = cardTitleText(snapshot.titles[row] ?? '');
  const titleLines = wrapTitle(measureWith(ctx), title, box.width - 10 - 2 * pad, lines);
  const first = box.top + box.height / 2 - ((titleLines.length - 1) * lineHeight) / 2;
  fillTitleLines(ctx, title, titleLines, { left, right: box.left + box.width - pad }, first, lineHeight);
}

/**
 * Draws a title's lines in the title's own direction, as `dir="auto"` lays out the outline's rows (review46c F6):
 * a canvas lays text out left to right unless told, which reorders "הכנסות 4.5M עד 6M" into "4.5 הכנסותM 6 עדM".
 * A right-to-left title starts at the right edge of its space, and its ellipsis falls on its left, where it ends.
 */
function fillTitleLines(ctx: CanvasRenderingContext2D, title: string, lines: readonly string[], span: { left: number; right: number }, first: number, lineHeight: number): void {
  const rightToLeft = firstStrongDirection(title) === 'rtl';
  ctx.direction = rightToLeft ? 'rtl' : 'ltr';
  ctx.textAlign = rightToLeft ? 'right' : 'left';
  lines.forEach((line, i) => ctx.fillText(line, rightToLeft ? span.right : span.left, first + i * lineHeight));
  ctx.direction = 'ltr';
  ctx.textAlign = 'start';
}

/** Paints one card with kind, title, owner, progress ring, health stripe, badges and hidden counts. */
export function paintFullCard(ctx: CanvasRenderingContext2D, snapshot: CascadeSnapshot, look: CardLook, theme: CanvasTheme, dim: boolean): void {
  const { row, left, top, width, height } = look;
  const health = snapshot.health[row]!;
  ctx.globalAlpha = dim ? 0.25 : 1;
  roundRect(ctx, left, top, width, height, 8);
  ctx.fillStyle = theme.card;
  ctx.fill();
  ctx.lineWidth = 1;
  ctx.strokeStyle = theme.cardBorder;
  ctx.stroke();
  // Health stripe on the leading edge.
  ctx.fillStyle = theme.health[health]!;
  roundRect(ctx, left, top, 6, height, [8, 0, 0, 8]);
  ctx.fill();

  const inactive = (snapshot.flags[row]! & CardFlag.inactive) !== 0;
  ctx.textBaseline = 'middle';
  ctx.font = theme.smallFont;
  ctx.fillStyle = theme.muted;
  ctx.fillText(KIND_LABELS[kindAt(snapshot, row)].toUpperCase(), left + 14, top + 14);

  // Badges, right-aligned on the first line.
  let badgeRight = left + width - 8;
  for (const label of badgesOf(snapshot, row).reverse()) {
    const w = ctx.measureText(label).width + 10;
    if (badgeRight - w < left + 90) break;
    roundRect(ctx, badgeRight - w, top + 6, w, 16, 8);
    ctx.fillStyle = label === 'Blocked' || label === 'Overdue' ? theme.health[2]! : theme.health[1]!;
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.fillText(label, badgeRight - w + 5, top + 14);
    badgeRight -= w + 4;
  }

  // Title (two lines) beside the progress ring.
  ctx.font = theme.titleFont;
  ctx.fillStyle = inactive ? theme.muted : theme.text;
  const title = cardTitleText(snapshot.titles[row] ?? '');
  const titleLines = wrapTitle(measureWith(ctx), title, width - 62, theme.titleLines);
  const lineHeight = theme.name === 'presentation' ? 20 : 17;
  fillTitleLines(ctx, title, titleLines, { left: left + 14, right: left + width - 48 }, top + 34, lineHeight);

  // Owner, or the hidden counts of a collapsed subtree, on the last line.
  ctx.font = theme.smallFont;
  ctx.fillStyle = theme.muted;
  const footer = look.hidden > 0
    ? `+${look.hidden.toLocaleString()} below · ${plural(snapshot.tasks[row]!, 'task')}, ${snapshot.blocked[row]!.toLocaleString()} blocked`
    : snapshot.owners[row] || 'No owner';
  ctx.fillText(fitText(measureWith(ctx), footer, width - 24), left + 14, top + height - 14);

  const progress = snapshot.progress[row]!;
  if (!Number.isNaN(progress)) paintRing(ctx, left + width - 26, top + 42, 15, progress, theme, health);
  if (look.hidden > 0) paintHealthBar(ctx, left + 10, top + height - 5, width - 20, look.hiddenHealth, theme);
  ctx.globalAlpha = 1;
}

/**
 * The whole percent a card shows for a progress share: the outline's `percent` without its sign, so the
 * ring, the SVG export and the outline read one figure for one node.
 */
export function progressFigure(progress: number): number {
  return percentFigure(progress);
}

function paintRing(ctx: CanvasRenderingContext2D, cx: number, cy: number, r: number, progress: number, theme: CanvasTheme, health: number): void {
  ctx.lineWidth = 4;
  ctx.strokeStyle = theme.healthSoft[health]!;
  ctx.beginPath();
  ctx.arc(cx, cy, r, 0, Math.PI * 2);
  ctx.stroke();
  ctx.strokeStyle = theme.health[health]!;
  ctx.beginPath();
  ctx.arc(cx, cy, r, -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * Math.max(0, Math.min(1, progress)));
  ctx.stroke();
  ctx.font = theme.name === 'presentation' ? '700 11px system-ui' : '600 10px system-ui';
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'center';
  ctx.fillText(`${progressFigure(progress)}`, cx, cy + 1);
  ctx.textAlign = 'start';
}

/** The health of a collapsed subtree's nodes as one bar of three proportional segments. */
export function paintHealthBar(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, counts: readonly number[], theme: CanvasTheme): void {
  for (const segment of healthBarSegments(x, width, counts)) {
    ctx.fillStyle = theme.health[segment.rank]!;
    ctx.fillRect(segment.x, y - 2, segment.width, 4);
  }
}

/** The bar's segments: on track, at risk, off track, each as wide as its share; none when empty. */
export function healthBarSegments(x: number, width: number, counts: readonly number[]): { rank: number; x: number; width: number }[] {
  const total = counts[0]! + counts[1]! + counts[2]!;
  if (total === 0) return [];
  const segments: { rank: number; x: number; width: number }[] = [];
  let at = x;
  for (let rank = 0; rank < 3; rank++) {
    const w = (width * counts[rank]!) / total;
    segments.push({ rank, x: at, width: w });
    at += w;
  }
  return segments;
}
