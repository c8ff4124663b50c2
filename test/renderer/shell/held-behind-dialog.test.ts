// desk36: a plan file the OS opened while a dialog was open opened at once behind it (the commands
// already waited). HeldBehindDialog holds it, as the commands are held, and drops nothing.
import { describe, expect, it } from 'vitest';
import { Emitter } from '../../../shared/lifecycle/disposable.js';
import { HeldBehindDialog } from '../../../renderer/src/shell/held-behind-dialog.js';

/** A page with or without a dialog open, and the browser's next task run by hand. */
function setUp() {
  const page = { open: false, modalOpen() { return this.open; } };
  const changed = new Emitter<void>();
  const tasks: (() => void)[] = [];
  const held = new HeldBehindDialog(page, changed.event, (next) => tasks.push(next));
  const settle = async () => {
    for (let round = 0; round < 20; round += 1) {
      await Promise.resolve();
      for (const task of tasks.splice(0)) task();
    }
  };
  const dialog = (open: boolean) => { page.open = open; changed.fire(); };
  return { held, settle, dialog };
}

describe('what the OS opens while a dialog is open (desk36)', () => {
  it('runs at once when no dialog is open', async () => {
    const { held, settle } = setUp();
    const ran: string[] = [];
    expect(held.run(() => { ran.push('north'); })).toBe(false);
    expect(ran).toEqual(['north']);
    await settle();
  });

  it('waits while a dialog is open, through another dialog change, and runs everything in order once none is', async () => {
    const { held, settle, dialog } = setUp();
    const ran: string[] = [];
    dialog(true);
    expect(held.run(() => { ran.push('north'); })).toBe(true);
    expect(held.run(() => { ran.push('south'); })).toBe(true);
    dialog(true);
    await settle();
    expect(ran).toEqual([]);
    expect(held.held).toBe(2);
    dialog(false);
    await settle();
    expect(ran).toEqual(['north', 'south']);
    expect(held.held).toBe(0);
  });

  it('a file that opens a dialog of its own (its warnings) holds the next one until that dialog closes; one that fails does not stop the rest', async () => {
    const { held, settle, dialog } = setUp();
    const ran: string[] = [];
    dialog(true);
    held.run(() => { ran.push('warned'); dialog(true); });
    held.run(() => { ran.push('broken'); throw new Error('cannot be read'); });
    held.run(async () => { await Promise.resolve(); ran.push('last'); });
    dialog(false);
    await settle();
    expect(ran).toEqual(['warned']);
    dialog(false);
    await settle();
    expect(ran).toEqual(['warned', 'broken', 'last']);
    // Once all have run, the next runs at once.
    expect(held.run(() => { ran.push('after'); })).toBe(false);
    expect(ran.at(-1)).toBe('after');
    await settle();
  });
});
