import type { NodeId } from '../../../shared/model/index.js';
import type { CanvasSurface } from './scene.js';
import type { Disposables } from './disposables.js';
import { moveRefusal, validTargets } from './move-rules.js';

/** How far (CSS pixels) the pointer must travel on a card before a press becomes a drag. */
const DRAG_START_PX = 5;

/**
 * Pointer input on cards: a click selects (or presses the selected card's controls), a double
 * click shows or hides children, and a drag moves the card onto another one, with valid targets
 * highlighted and a refusal explained. Presses on the background belong to d3-zoom (panning).
 */
export class CanvasPointer {
  /**
   * The pressed card: its node's id is the truth; `card` and `row` index the layout and snapshot of
   * the moment and are mapped again when another person's edit brings a new picture mid-press.
   */
  private press: { id: NodeId; card: number; row: number; clientX: number; clientY: number; pointerId: number } | null = null;

  constructor(private readonly canvas: CanvasSurface, disposables: Disposables) {
    const element = canvas.canvas;
    disposables.listen(element, 'pointerdown', (event) => this.down(event));
    disposables.listen(element, 'pointermove', (event) => this.move(event));
    disposables.listen(element, 'pointerup', (event) => this.up(event));
    disposables.listen(element, 'pointercancel', () => this.cancel());
    disposables.listen(element, 'dblclick', (event) => this.doubleClick(event));
  }

  /** A control of the selected card under the point (world units), if any. */
  private controlAt(clientX: number, clientY: number): 'toggle' | 'add' | null {
    const { canvas } = this;
    const selected = canvas.decor.selectedId ? canvas.snapshot?.rowOf.get(canvas.decor.selectedId) : undefined;
    if (selected === undefined) return null;
    const controls = canvas.cardControls(selected);
    if (!controls) return null;
    const { wx, wy } = canvas.toWorld(clientX, clientY);
    const near = (at: { x: number; y: number }) => Math.hypot(at.x - wx, at.y - wy) <= 12;
    if (controls.toggle && near(controls.toggle)) return 'toggle';
    if (!canvas.decor.readOnly && near(controls.add)) return 'add';
    return null;
  }

  private down(event: PointerEvent): void {
    if (event.button !== 0) return;
    const { canvas } = this;
    canvas.canvas.focus({ preventScroll: true });
    const control = this.controlAt(event.clientX, event.clientY);
    const selectedId = canvas.decor.selectedId;
    if (control && selectedId) {
      event.preventDefault();
      if (control === 'add') canvas.host.addChild(selectedId);
      else canvas.host.toggle(selectedId, canvas.layout!.open[canvas.cardOf(selectedId)] !== 1);
      return;
    }
    const card = canvas.cardAtClient(event.clientX, event.clientY);
    if (card < 0 || !canvas.layout || !canvas.snapshot) return;
    const row = canvas.layout.rows[card]!;
    this.press = { id: canvas.snapshot!.ids[row]!, card, row, clientX: event.clientX, clientY: event.clientY, pointerId: event.pointerId };
    canvas.canvas.setPointerCapture(event.pointerId);
  }

  private move(event: PointerEvent): void {
    const { canvas } = this;
    const press = this.press;
    if (!press || !canvas.snapshot || !canvas.layout) return;
    if (!canvas.drag) {
      if (canvas.decor.readOnly || Math.hypot(event.clientX - press.clientX, event.clientY - press.clientY) < DRAG_START_PX) return;
      canvas.drag = { row: press.row, valid: validTargets(canvas.snapshot, press.row), overCard: -1, refusal: null, px: 0, py: 0 };
    }
    const { wx, wy } = canvas.toWorld(event.clientX, event.clientY);
    const over = canvas.cardAtClient(event.clientX, event.clientY);
    const overRow = over >= 0 ? canvas.layout.rows[over]! : -1;
    const refusal = over >= 0 && overRow !== press.row ? moveRefusal(canvas.snapshot, press.row, overRow) : null;
    canvas.drag = { ...canvas.drag, overCard: overRow === press.row ? -1 : over, refusal, px: wx, py: wy };
    canvas.host.dragHint(refusal);
    canvas.canvas.style.cursor = refusal ? 'not-allowed' : 'grabbing';
    canvas.schedulePaint();
  }

  private up(event: PointerEvent): void {
    const { canvas } = this;
    const press = this.press;
    this.press = null;
    if (!press || !canvas.snapshot || !canvas.layout) return;
    if (canvas.canvas.hasPointerCapture(event.pointerId)) canvas.canvas.releasePointerCapture(event.pointerId);
    const drag = canvas.drag;
    this.cancel();
    if (!drag) {
      canvas.host.select(press.id);
      return;
    }
    if (drag.overCard < 0) return;
    const targetRow = canvas.layout.rows[drag.overCard];
    const target = targetRow === undefined ? undefined : canvas.snapshot.ids[targetRow];
    if (target === undefined) return;
    if (drag.refusal) canvas.host.refuse(drag.refusal);
    else canvas.host.move(press.id, target);
  }

  /**
   * A new picture of the plan arrived (another person's edit) while a card is pressed or dragged:
   * rows and cards are numbered afresh, so the press follows its node by id. A node deleted under
   * the pointer ends the drag with a word, and nothing is moved; the drop target is found again on
   * the next pointer move, never taken from the old numbering.
   */
  snapshotChanged(): void {
    const { canvas } = this;
    const press = this.press;
    if (!press || !canvas.snapshot || !canvas.layout) return;
    const row = canvas.snapshot.rowOf.get(press.id);
    const card = row === undefined ? -1 : canvas.layout.cardOfRow[row] ?? -1;
    if (row === undefined || card < 0) {
      const dragging = canvas.drag !== null;
      this.press = null;
      if (canvas.canvas.hasPointerCapture(press.pointerId)) canvas.canvas.releasePointerCapture(press.pointerId);
      this.cancel();
      if (dragging) canvas.host.refuse(row === undefined ? 'The card you were dragging was deleted by someone else; nothing was moved.' : 'The card you were dragging was hidden by a change from someone else; nothing was moved.');
      return;
    }
    this.press = { ...press, row, card };
    if (canvas.drag) {
      canvas.drag = { ...canvas.drag, row, valid: validTargets(canvas.snapshot, row), overCard: -1, refusal: null };
      canvas.host.dragHint(null);
      canvas.schedulePaint();
    }
  }

  private cancel(): void {
    const { canvas } = this;
    if (canvas.drag) {
      canvas.drag = null;
      canvas.schedulePaint();
    }
    canvas.host.dragHint(null);
    canvas.canvas.style.cursor = '';
  }

  private doubleClick(event: MouseEvent): void {
    const { canvas } = this;
    const card = canvas.cardAtClient(event.clientX, event.clientY);
    if (card < 0 || !canvas.layout || !canvas.snapshot) return;
    const hasChildren = canvas.layout.open[card] === 1 || canvas.layout.hidden[card]! > 0;
    if (hasChildren) canvas.host.toggle(canvas.snapshot.ids[canvas.layout.rows[card]!]!, canvas.layout.open[card] !== 1);
  }
}
