import { KIND_LABELS } from '../../../shared/model/index.js';
import type { CascadeLayout } from './cascade-layout.js';
import { kindAt, type CascadeSnapshot } from './cascade-snapshot.js';
import { badgesOf, cardTitleText, progressFigure } from './card-painter.js';
import { cutText, isOverLimit } from '../../../shared/text/cut-text.js';
import type { CanvasTheme } from './palette.js';

/**
 * Text as XML character data. Markup characters become references; characters XML 1.0 cannot hold at
 * all (a title's vertical tab pasted from PowerPoint, a NUL, a lone surrogate from any peer) would make
 * the whole file unreadable to every SVG viewer, so control characters become spaces and the rest U+FFFD.
 */
const escapeXml = (text: string) => text
  .replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
  .replace(/\p{Cc}/gu, ' ')
  // With the u flag a surrogate matches only when it is not half of a pair.
  .replace(/[\ud800-\udfff\ufffe\uffff]/gu, '\ufffd');

/**
 * The whole laid-out cascade (not only what is on screen) as a standalone SVG document: cards with
 * kind, title, owner, progress and badges in their health colour, and the links between them.
 * Pure: a string from the snapshot and the layout, so it can be checked without a browser.
 */
export function cascadeSvg(snapshot: CascadeSnapshot, layout: CascadeLayout, theme: CanvasTheme, title: string): string {
  const margin = 24;
  const { bounds, cardWidth: w, cardHeight: h } = layout;
  const width = Math.ceil(bounds.x1 - bounds.x0 + 2 * margin);
  const height = Math.ceil(bounds.y1 - bounds.y0 + 2 * margin);
  const vertical = layout.orientation === 'top-down';
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${bounds.x0 - margin} ${bounds.y0 - margin} ${width} ${height}" font-family="Inter, 'Segoe UI', system-ui, sans-serif">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect x="${bounds.x0 - margin}" y="${bounds.y0 - margin}" width="${width}" height="${height}" fill="${theme.background}"/>`,
    `<g fill="none" stroke="${theme.link}" stroke-width="1.5">`,
  ];
  for (let card = 0; card < layout.rows.length; card++) {
    const parent = layout.linkParent[card]!;
    if (parent < 0) continue;
    const [fx, fy] = vertical ? [layout.x[parent]!, layout.y[parent]! + h / 2] : [layout.x[parent]! + w / 2, layout.y[parent]!];
    const [tx, ty] = vertical ? [layout.x[card]!, layout.y[card]! - h / 2] : [layout.x[card]! - w / 2, layout.y[card]!];
    out.push(vertical
      ? `<path d="M${fx} ${fy}V${(fy + ty) / 2}H${tx}V${ty}"/>`
      : `<path d="M${fx} ${fy}H${(fx + tx) / 2}V${ty}H${tx}"/>`);
  }
  for (const block of layout.blocks) {
    if (block.parentCard < 0) continue;
    const p = block.parentCard;
    out.push(vertical
      ? `<path d="M${layout.x[p]} ${layout.y[p]! + h / 2}V${block.y - 6}H${block.x + block.width / 2}"/>`
      : `<path d="M${layout.x[p]! + w / 2} ${layout.y[p]}H${block.x - 6}V${block.y + block.height / 2}"/>`);
  }
  out.push('</g>');
  for (let card = 0; card < layout.rows.length; card++) {
    const row = layout.rows[card]!;
    const left = layout.x[card]! - w / 2, top = layout.y[card]! - h / 2;
    const health = snapshot.health[row]!;
    const progress = snapshot.progress[row]!;
    const hidden = layout.hidden[card]!;
    const badges = badgesOf(snapshot, row);
    const footer = hidden > 0 ? `+${hidden} below` : snapshot.owners[row] || 'No owner';
    // The title as the canvas draws it: control characters and overrides named in letters (an override in a
    // file read elsewhere would show it as text it does not say, review40b F9).
    const title = cardTitleText(snapshot.titles[row] ?? '');
    out.push(`<g transform="translate(${left} ${top})" data-node-id="${escapeXml(snapshot.ids[row]!)}">`,
      `<title>${escapeXml(title)}</title>`,
      `<rect width="${w}" height="${h}" rx="8" fill="${theme.card}" stroke="${theme.cardBorder}"/>`,
      `<rect width="6" height="${h}" fill="${theme.health[health]}"/>`,
      `<text x="14" y="18" font-size="11" fill="${theme.muted}">${escapeXml(KIND_LABELS[kindAt(snapshot, row)].toUpperCase())}${badges.length ? ` · ${escapeXml(badges.join(', '))}` : ''}</text>`,
      `<text x="14" y="42" font-size="14" font-weight="600" fill="${theme.text}">${escapeXml(truncate(title, TITLE_CHARS))}</text>`,
      `<text x="14" y="${h - 12}" font-size="11" fill="${theme.muted}">${escapeXml(truncate(footer, Number.isNaN(progress) ? 34 : FOOTER_CHARS_BESIDE_PROGRESS))}</text>`,
      Number.isNaN(progress) ? '' : `<text x="${w - 12}" y="${h - 12}" font-size="12" text-anchor="end" fill="${theme.health[health]}">${progressFigure(progress)}%</text>`,
      '</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}

/**
 * A 14 px bold title of 24 characters is as wide as the card, so the progress figure sits on the
 * footer line, beside an owner cut short enough to leave it room (a PDF has no text measuring).
 */
const TITLE_CHARS = 23;
const FOOTER_CHARS_BESIDE_PROGRESS = 26;

function truncate(text: string, length: number): string {
  // In characters, cut between graphemes: never half an emoji, a flag or a letter with its accent.
  return isOverLimit(text, length) ? `${cutText(text, length - 1)}…` : text;
}
