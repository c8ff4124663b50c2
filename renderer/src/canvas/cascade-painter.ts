import { cardTitleText, paintCardTitle, paintFullCard, roundRect } from './card-painter.js';
import { cutText } from '../../../shared/text/cut-text.js';
import type { CanvasTheme } from './palette.js';
import type { PresenceMark, Scene } from './scene.js';
import { RASTER_MIN_CARDS, paintDotRaster } from './dot-raster.js';
import { detailLevel, visibleWorld, type DetailLevel, type View } from './viewport.js';

/** Link end points: from the parent's trailing edge to the child's leading edge. */
function linkPath(ctx: CanvasRenderingContext2D, scene: Scene, from: number, to: number, straight: boolean): void {
  const { x, y, layout } = scene;
  const vertical = layout.orientation === 'top-down';
  const fx = vertical ? x[from]! : x[from]! + layout.cardWidth / 2;
  const fy = vertical ? y[from]! + layout.cardHeight / 2 : y[from]!;
  const tx = vertical ? x[to]! : x[to]! - layout.cardWidth / 2;
  const ty = vertical ? y[to]! - layout.cardHeight / 2 : y[to]!;
  ctx.moveTo(fx, fy);
  if (straight) { ctx.lineTo(tx, ty); return; }
  if (vertical) { const my = (fy + ty) / 2; ctx.lineTo(fx, my); ctx.lineTo(tx, my); }
  else { const mx = (fx + tx) / 2; ctx.lineTo(mx, fy); ctx.lineTo(mx, ty); }
  ctx.lineTo(tx, ty);
}

/** The link from a parent to a wrapped block's leading edge. */
function blockLinkPath(ctx: CanvasRenderingContext2D, scene: Scene, blockIndex: number): void {
  const block = scene.layout.blocks[blockIndex]!;
  const { x, y, layout } = scene;
  const from = block.parentCard;
  if (from < 0) return;
  if (layout.orientation === 'top-down') {
    const fx = x[from]!, fy = y[from]! + layout.cardHeight / 2, ty = block.y - 6, tx = block.x + block.width / 2;
    const my = (fy + ty) / 2;
    ctx.moveTo(fx, fy); ctx.lineTo(fx, my); ctx.lineTo(tx, my); ctx.lineTo(tx, ty);
  } else {
    const fx = x[from]! + layout.cardWidth / 2, fy = y[from]!, tx = block.x - 6, ty = block.y + block.height / 2;
    const mx = (fx + tx) / 2;
    ctx.moveTo(fx, fy); ctx.lineTo(mx, fy); ctx.lineTo(mx, ty); ctx.lineTo(tx, ty);
  }
}

/**
 * Paints one frame: links, wrap blocks, the cards in view at the zoom's level of detail, the
 * highlighted paths, presence, and the drag. `cull` gives the cards in view (CardIndex), asked for
 * only when the frame needs them: a far-out frame drawn from the cached picture never culls.
 */
export function paintScene(ctx: CanvasRenderingContext2D, scene: Scene, view: View, width: number, height: number, dpr: number, cull: () => Int32Array): void {
  const { layout, theme } = scene;
  const level = detailLevel(view.k, layout.cardWidth);
  const hairline = 1 / view.k;
  if (level === 'dot' && layout.rows.length >= RASTER_MIN_CARDS && scene.dotCache && scene.settled && scene.dotCache.covers(layout, view, dpr)) {
    // Far out and large: one cached bitmap of the whole cascade, scaled; highlights over it from
    // every card (the canvas clips what is off screen).
    scene.dotCache.paint(ctx, scene, view, width, height, dpr);
    paintFarOutOverlay(ctx, scene, view, dpr, scene.dotCache.everyCard(layout), hairline);
    return;
  }
  const visible = cull();
  if (level === 'dot' && visible.length >= RASTER_MIN_CARDS) {
    // Far out and large, nearer than the cached picture is sharp: the visible cards rasterised.
    paintDotRaster(ctx, scene, view, width, height, dpr, visible);
    paintFarOutOverlay(ctx, scene, view, dpr, visible, hairline);
    return;
  }
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.setTransform(dpr * view.k, 0, 0, dpr * view.k, dpr * view.x, dpr * view.y);

  // Wrap blocks (those in view) and ordinary links, batched into one stroke.
  const world = visibleWorld(view, width, height);
  const blockInView = (block: Scene['layout']['blocks'][number]) => block.x <= world.x1 && block.x + block.width >= world.x0 && block.y <= world.y1 && block.y + block.height >= world.y0;
  if (level !== 'dot') {
    ctx.fillStyle = theme.block;
    for (const block of layout.blocks) if (blockInView(block)) { roundRect(ctx, block.x - 8, block.y - 8, block.width + 16, block.height + 16, 12); ctx.fill(); }
  }
  ctx.beginPath();
  for (let i = 0; i < visible.length; i++) {
    const card = visible[i]!;
    const parent = layout.linkParent[card]!;
    if (parent >= 0) linkPath(ctx, scene, parent, card, level === 'dot');
  }
  for (let b = 0; b < layout.blocks.length; b++) if (blockInView(layout.blocks[b]!)) blockLinkPath(ctx, scene, b);
  ctx.strokeStyle = theme.link;
  ctx.lineWidth = Math.max(1.5, hairline);
  ctx.stroke();

  paintHighlightedLinks(ctx, scene, visible, level === 'dot', hairline);

  if (level === 'dot') paintDots(ctx, scene, visible, hairline);
  else {
    for (let i = 0; i < visible.length; i++) paintCard(ctx, scene, visible[i]!, level, view.k);
  }
  paintContributes(ctx, scene, hairline);
  if (scene.drag) paintDragGhost(ctx, scene);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/** Over a rasterised far-out frame: risk and selection paths, the selection's frame, contributes-to links. */
function paintFarOutOverlay(ctx: CanvasRenderingContext2D, scene: Scene, view: View, dpr: number, cards: Int32Array, hairline: number): void {
  ctx.setTransform(dpr * view.k, 0, 0, dpr * view.k, dpr * view.x, dpr * view.y);
  paintHighlightedLinks(ctx, scene, cards, true, hairline);
  paintSelectionMark(ctx, scene, hairline);
  paintContributes(ctx, scene, hairline);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/** Risk paths and the selection's path, each link in its colour, drawn over the plain links. */
function paintHighlightedLinks(ctx: CanvasRenderingContext2D, scene: Scene, visible: Int32Array, straight: boolean, hairline: number): void {
  const { layout, theme, risk, onPath } = scene;
  if (risk) {
    for (const severity of [1, 2]) {
      ctx.beginPath();
      for (let i = 0; i < visible.length; i++) {
        const card = visible[i]!;
        const parent = layout.linkParent[card]!;
        if (parent >= 0 && risk.linkSeverity[layout.rows[card]!] === severity) linkPath(ctx, scene, parent, card, straight);
      }
      // A block carries the worst severity of any wrapped card where risk starts or passes.
      const worst = new Uint8Array(layout.blocks.length);
      for (let i = 0; i < visible.length; i++) {
        const block = layout.blockOf[visible[i]!]!;
        if (block >= 0) worst[block] = Math.max(worst[block]!, risk.linkSeverity[layout.rows[visible[i]!]!]!);
      }
      for (let b = 0; b < worst.length; b++) if (worst[b] === severity) blockLinkPath(ctx, scene, b);
      ctx.strokeStyle = theme.health[severity]!;
      ctx.lineWidth = Math.max(5, 3 * hairline);
      ctx.stroke();
    }
  }
  if (onPath) {
    ctx.beginPath();
    for (let i = 0; i < visible.length; i++) {
      const card = visible[i]!;
      const parent = layout.linkParent[card]!;
      if (parent >= 0 && onPath[layout.rows[card]!]) linkPath(ctx, scene, parent, card, straight);
    }
    ctx.strokeStyle = theme.accent;
    ctx.lineWidth = Math.max(3, 2 * hairline);
    ctx.stroke();
  }
}

/** Far out: every card a dot of its health colour, one fill per colour. */
function paintDots(ctx: CanvasRenderingContext2D, scene: Scene, visible: Int32Array, hairline: number): void {
  const { layout, snapshot, theme, x, y } = scene;
  const w = layout.cardWidth, h = layout.cardHeight;
  for (let health = 0; health < 3; health++) {
    ctx.beginPath();
    for (let i = 0; i < visible.length; i++) {
      const card = visible[i]!;
      const row = layout.rows[card]!;
      if (snapshot.health[row] !== health || (scene.matches && !scene.matches[row])) continue;
      ctx.rect(x[card]! - w / 2, y[card]! - h / 2, w, h);
    }
    ctx.fillStyle = theme.health[health]!;
    ctx.fill();
  }
  if (scene.matches) {
    ctx.beginPath();
    for (let i = 0; i < visible.length; i++) {
      const card = visible[i]!;
      if (!scene.matches[layout.rows[card]!]) ctx.rect(x[card]! - w / 2, y[card]! - h / 2, w, h);
    }
    ctx.fillStyle = theme.link;
    ctx.fill();
  }
  paintSelectionMark(ctx, scene, hairline);
}

/** Far out, the selected card is a dot too: a frame twice its size marks it. */
function paintSelectionMark(ctx: CanvasRenderingContext2D, scene: Scene, hairline: number): void {
  const { layout, theme, x, y } = scene;
  const card = scene.selectedRow >= 0 ? layout.cardOfRow[scene.selectedRow]! : -1;
  if (card < 0) return;
  const w = layout.cardWidth, h = layout.cardHeight;
  ctx.lineWidth = 4 * hairline;
  ctx.strokeStyle = theme.accent;
  ctx.strokeRect(x[card]! - w, y[card]! - h, 2 * w, 2 * h);
}

function paintCard(ctx: CanvasRenderingContext2D, scene: Scene, card: number, level: Exclude<DetailLevel, 'dot'>, k: number): void {
  const full = level === 'full';
  const { layout, snapshot, theme, x, y } = scene;
  const row = layout.rows[card]!;
  const w = layout.cardWidth, h = layout.cardHeight;
  const left = x[card]! - w / 2, top = y[card]! - h / 2;
  const drag = scene.drag;
  const dim = (scene.matches !== null && !scene.matches[row]) || (drag !== null && !drag.valid[row] && drag.row !== row);
  const inSubtree = scene.subtree !== null && row > scene.subtree[0] && row < scene.subtree[1];
  if (inSubtree) { roundRect(ctx, left - 6, top - 6, w + 12, h + 12, 12); ctx.fillStyle = theme.subtreeTint; ctx.fill(); }
  if (full) {
    const hidden = layout.hidden[card]!;
    paintFullCard(ctx, snapshot, { row, left, top, width: w, height: h, hidden,
      hiddenHealth: [layout.hiddenHealth[card * 3]!, layout.hiddenHealth[card * 3 + 1]!, layout.hiddenHealth[card * 3 + 2]!] }, theme, dim);
    if (hidden > 0) {
      // A collapsed subtree reads as a stack of cards.
      ctx.strokeStyle = theme.cardBorder;
      ctx.lineWidth = 1;
      ctx.beginPath(); ctx.moveTo(left + 6, top + h + 4); ctx.lineTo(left + w - 6, top + h + 4); ctx.stroke();
    }
  } else {
    ctx.globalAlpha = dim ? 0.25 : 1;
    roundRect(ctx, left, top, w, h, 8);
    ctx.fillStyle = theme.healthSoft[snapshot.health[row]!]!;
    ctx.fill();
    ctx.fillStyle = theme.health[snapshot.health[row]!]!;
    ctx.fillRect(left, top, 10, h);
    if (level === 'title') paintCardTitle(ctx, snapshot, row, { left, top, width: w, height: h }, theme, k);
    ctx.globalAlpha = 1;
  }
  const inside = scene.matchesInside?.[row] ?? 0;
  if (inside > 0) paintMatchesInside(ctx, theme, left, top, w, h, inside, full);
  const risk = scene.risk;
  if (risk && risk.linkSeverity[row]) {
    const isOrigin = risk.origins.length > 0 && binaryHas(risk.origins, row);
    ctx.lineWidth = isOrigin ? 6 : 3;
    ctx.strokeStyle = theme.health[risk.linkSeverity[row]!]!;
    roundRect(ctx, left - 3, top - 3, w + 6, h + 6, 10);
    ctx.stroke();
    if (isOrigin) {
      ctx.fillStyle = theme.health[risk.linkSeverity[row]!]!;
      ctx.beginPath(); ctx.arc(left, top, 10, 0, Math.PI * 2); ctx.fill();
    }
  }
  if (drag && drag.row !== row && drag.valid[row]) {
    // Valid targets get a green halo outside any selection ring; the one under the pointer a thicker one.
    ctx.lineWidth = card === drag.overCard ? 6 : 3;
    ctx.strokeStyle = theme.valid;
    roundRect(ctx, left - 7, top - 7, w + 14, h + 14, 13); ctx.stroke();
  }
  if (drag && card === drag.overCard && !drag.valid[row]) {
    ctx.lineWidth = 5; ctx.strokeStyle = theme.refused;
    roundRect(ctx, left - 4, top - 4, w + 8, h + 8, 10); ctx.stroke();
  }
  const onPath = scene.onPath?.[row] ?? 0;
  if (row === scene.selectedRow || onPath) {
    ctx.lineWidth = row === scene.selectedRow ? 4 : 2;
    ctx.strokeStyle = theme.accent;
    roundRect(ctx, left - 2, top - 2, w + 4, h + 4, 10); ctx.stroke();
    if (row === scene.selectedRow && scene.focused) {
      // The keyboard focus ring: a second, offset outline (WCAG 2.4.7).
      ctx.setLineDash([6, 4]); ctx.lineWidth = 2;
      roundRect(ctx, left - 9, top - 9, w + 18, h + 18, 14); ctx.stroke();
      ctx.setLineDash([]);
    }
  }
  const peers = scene.presence.get(row);
  if (peers) paintPresence(ctx, peers, left, top, w, h, theme, full);
}

/**
 * A closed card holding matches of the find (fix41b, F3): a dashed accent frame, and in full detail a tag on its
 * lower edge, "2 matches inside", so the matches hidden below it are seen on screen.
 */
function paintMatchesInside(ctx: CanvasRenderingContext2D, theme: CanvasTheme, left: number, top: number, w: number, h: number, inside: number, full: boolean): void {
  ctx.lineWidth = 2;
  ctx.strokeStyle = theme.accent;
  ctx.setLineDash([6, 3]);
  roundRect(ctx, left - 4, top - 4, w + 8, h + 8, 11); ctx.stroke();
  ctx.setLineDash([]);
  if (!full) return;
  ctx.font = theme.smallFont;
  ctx.textBaseline = 'middle';
  const label = matchesInsideLabel(inside);
  const tagWidth = ctx.measureText(label).width + 12;
  const tagLeft = left + w - tagWidth - 10, tagTop = top + h - 8;
  roundRect(ctx, tagLeft, tagTop, tagWidth, 16, 8);
  ctx.fillStyle = theme.accent; ctx.fill();
  ctx.fillStyle = '#ffffff';
  ctx.fillText(label, tagLeft + 6, tagTop + 8);
}

/** What a closed card holding matches says of them, on the card and to a screen reader. */
export function matchesInsideLabel(inside: number): string {
  return `${inside.toLocaleString()} ${inside === 1 ? 'match' : 'matches'} inside`;
}

function paintPresence(ctx: CanvasRenderingContext2D, peers: readonly PresenceMark[], left: number, top: number, w: number, h: number, theme: CanvasTheme, full: boolean): void {
  peers.forEach((peer, i) => {
    ctx.lineWidth = 3;
    ctx.strokeStyle = peer.colour;
    roundRect(ctx, left - 5 - i * 4, top - 5 - i * 4, w + 10 + i * 8, h + 10 + i * 8, 12); ctx.stroke();
    const cx = left + w - 4 - i * 22, cy = top - 4;
    ctx.fillStyle = peer.colour;
    ctx.beginPath(); ctx.arc(cx, cy, 10, 0, Math.PI * 2); ctx.fill();
    if (full) {
      ctx.fillStyle = '#ffffff'; ctx.font = '700 11px system-ui'; ctx.textAlign = 'center'; ctx.textBaseline = 'middle';
      ctx.fillText(peer.name.charAt(0).toUpperCase(), cx, cy + 1);
      ctx.textAlign = 'start';
    }
  });
  void theme;
}

function paintContributes(ctx: CanvasRenderingContext2D, scene: Scene, hairline: number): void {
  if (scene.contributes.length === 0) return;
  const { layout, x, y, theme } = scene;
  ctx.beginPath();
  for (const [fromRow, toRow] of scene.contributes) {
    const from = layout.cardOfRow[fromRow]!, to = layout.cardOfRow[toRow]!;
    if (from < 0 || to < 0) continue;
    const mx = (x[from]! + x[to]!) / 2, my = Math.min(y[from]!, y[to]!) - layout.cardHeight;
    ctx.moveTo(x[from]!, y[from]! - layout.cardHeight / 2);
    ctx.quadraticCurveTo(mx, my, x[to]!, y[to]! + layout.cardHeight / 2);
  }
  ctx.setLineDash([10, 6]);
  ctx.strokeStyle = theme.accent;
  ctx.lineWidth = Math.max(2, 2 * hairline);
  ctx.stroke();
  ctx.setLineDash([]);
}

function paintDragGhost(ctx: CanvasRenderingContext2D, scene: Scene): void {
  const drag = scene.drag!;
  const { layout, theme } = scene;
  ctx.globalAlpha = 0.6;
  roundRect(ctx, drag.px - layout.cardWidth / 2, drag.py - layout.cardHeight / 2, layout.cardWidth, layout.cardHeight, 8);
  ctx.fillStyle = theme.card; ctx.fill();
  ctx.strokeStyle = drag.refusal ? theme.refused : theme.accent; ctx.lineWidth = 2; ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.font = theme.smallFont; ctx.fillStyle = theme.text; ctx.textBaseline = 'middle';
  ctx.fillText(cutText(cardTitleText(scene.snapshot.titles[drag.row]!), 28), drag.px - layout.cardWidth / 2 + 10, drag.py);
}

function binaryHas(sorted: Int32Array, value: number): boolean {
  let low = 0, high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] === value) return true;
    if (sorted[mid]! < value) low = mid + 1; else high = mid - 1;
  }
  return false;
}
