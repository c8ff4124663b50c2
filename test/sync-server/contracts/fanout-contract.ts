import { describe, expect, it } from 'vitest';
import type { FanoutMessage, RoomFanout } from '../../../sync-server/fanout.js';
import type { UpdateStore } from '../../../sync-server/storage/update-store.js';
import { freshRoom, updateSetting } from './update-store-contract.js';

/** One server instance's view of a backend: its store and fan-out, and the name it publishes under. */
export interface FanoutInstance {
  readonly instance: string;
  readonly store: UpdateStore;
  readonly fanout: RoomFanout;
  close(): Promise<void>;
}

export interface FanoutBackend {
  /** Another instance on the same backend. */
  open(): Promise<FanoutInstance>;
}

/** What a room does with an editor's update: store it, and once durable publish it (room.ts relay). */
async function storeAndPublish(from: FanoutInstance, room: string, payload: Uint8Array): Promise<void> {
  await from.store.append([{ room, update: payload }]);
  from.fanout.publish(room, { kind: 'update', payload, instance: from.instance });
}

/** Collects what a subscriber hears from other instances (skipping its own, as a room does). */
function listen(on: FanoutInstance, room: string): { heard: FanoutMessage[]; stop: () => void; loaded: Promise<void> } {
  const heard: FanoutMessage[] = [];
  // A room loads before it subscribes; backends that read a log start where the load ended.
  const loaded = on.store.load(room).then(() => undefined);
  let stop = () => undefined as void;
  const ready = loaded.then(() => {
    stop = on.fanout.subscribe(room, (message) => {
      if (message.instance !== on.instance) heard.push(message);
    });
  });
  return { heard, stop: () => { void ready.then(() => stop()); }, loaded: ready };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > 10_000) throw new Error(`gave up waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Time for a message that should NOT arrive to have arrived if it were going to (fan-out is async). */
const settleMs = 300;

/** The rules written on RoomFanout (sync-server/fanout.ts), numbered as there. */
export function fanoutContract(backend: () => FanoutBackend): void {
  const opened: FanoutInstance[] = [];
  async function open(): Promise<FanoutInstance> {
    const instance = await backend().open();
    opened.push(instance);
    return instance;
  }
  async function closeAll(): Promise<void> {
    for (const instance of opened.splice(0)) await instance.close();
  }

  describe('RoomFanout contract', () => {
    it('1. a stored and published update reaches every other subscribed instance exactly once', async () => {
      const [one, two, three] = [await open(), await open(), await open()];
      try {
        const room = freshRoom();
        const atTwo = listen(two, room);
        const atThree = listen(three, room);
        await Promise.all([atTwo.loaded, atThree.loaded]);
        const payload = updateSetting('once', 1);
        await storeAndPublish(one, room, payload);
        await until(() => atTwo.heard.length > 0 && atThree.heard.length > 0, 'the update at both other instances');
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        for (const heard of [atTwo.heard, atThree.heard]) {
          expect(heard).toHaveLength(1);
          expect(heard[0]).toMatchObject({ kind: 'update', instance: one.instance });
          expect([...heard[0]!.payload]).toEqual([...payload]);
        }
      } finally { await closeAll(); }
    });

    it('2. updates from one instance arrive at another in publishing order', async () => {
      const [one, two] = [await open(), await open()];
      try {
        const room = freshRoom();
        const atTwo = listen(two, room);
        await atTwo.loaded;
        const payloads = Array.from({ length: 30 }, (_, n) => updateSetting(`k${n}`, n));
        for (const payload of payloads) await storeAndPublish(one, room, payload);
        await until(() => atTwo.heard.length >= payloads.length, 'all thirty updates');
        expect(atTwo.heard.map((message) => [...message.payload])).toEqual(payloads.map((payload) => [...payload]));
      } finally { await closeAll(); }
    });

    it('3. a subscriber hears only its own room', async () => {
      const [one, two] = [await open(), await open()];
      try {
        const [mine, other] = [freshRoom(), freshRoom()];
        const atTwo = listen(two, mine);
        await atTwo.loaded;
        await storeAndPublish(one, other, updateSetting('elsewhere', 1));
        await storeAndPublish(one, mine, updateSetting('here', 1));
        await until(() => atTwo.heard.length > 0, 'the update of its own room');
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        expect(atTwo.heard).toHaveLength(1);
      } finally { await closeAll(); }
    });

    it('4. presence reaches the other instances', async () => {
      const [one, two] = [await open(), await open()];
      try {
        const room = freshRoom();
        const atTwo = listen(two, room);
        await atTwo.loaded;
        const payload = new Uint8Array([1, 2, 3, 4]);
        one.fanout.publish(room, { kind: 'awareness', payload, instance: one.instance });
        await until(() => atTwo.heard.length > 0, 'presence at the other instance');
        expect(atTwo.heard[0]).toMatchObject({ kind: 'awareness', instance: one.instance });
        expect([...atTwo.heard[0]!.payload]).toEqual([1, 2, 3, 4]);
      } finally { await closeAll(); }
    });

    it('5. after unsubscribing a listener hears nothing more', async () => {
      const [one, two] = [await open(), await open()];
      try {
        const room = freshRoom();
        const atTwo = listen(two, room);
        await atTwo.loaded;
        await storeAndPublish(one, room, updateSetting('before', 1));
        await until(() => atTwo.heard.length === 1, 'the first update');
        atTwo.stop();
        await storeAndPublish(one, room, updateSetting('after', 2));
        one.fanout.publish(room, { kind: 'awareness', payload: new Uint8Array([9]), instance: one.instance });
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        expect(atTwo.heard).toHaveLength(1);
      } finally { await closeAll(); }
    });

    it('6. an instance never hears its own messages as another instance\'s', async () => {
      const [one, two] = [await open(), await open()];
      try {
        const room = freshRoom();
        const all: FanoutMessage[] = [];
        await one.store.load(room);
        const stop = one.fanout.subscribe(room, (message) => all.push(message));
        const atTwo = listen(two, room);
        await atTwo.loaded;
        await storeAndPublish(one, room, updateSetting('mine', 1));
        one.fanout.publish(room, { kind: 'awareness', payload: new Uint8Array([7]), instance: one.instance });
        await storeAndPublish(two, room, updateSetting('theirs', 2));
        await until(() => all.some((message) => message.instance === two.instance), 'the other instance\'s update');
        await new Promise((resolve) => setTimeout(resolve, settleMs));
        stop();
        expect(all.filter((message) => message.instance !== one.instance).every((message) => message.instance === two.instance)).toBe(true);
        expect(all.filter((message) => message.instance === two.instance)).toHaveLength(1);
      } finally { await closeAll(); }
    });
  });
}
