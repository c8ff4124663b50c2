import * as decoding from 'lib0/decoding';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { messageType } from '../../../shared/sync/protocol.js';
import { answeredRoleChangeMessageType, encodeRoleChangeTakenFrame, readRoleChange, roleChangeMessageType, type RoleChange } from '../../../shared/sync/role-change.js';

/** The stock y-websocket 3.x client in Node, connected to `wsBase/<workspace>` room `<plan>`. */
export function stockProvider(wsBase: string, workspace: string, plan: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`${wsBase}/${workspace}`, plan, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

/**
 * The stock client presenting an app's key in its room URL (`appKey`), as Throughline's app does: the
 * server binds the connection to that app (the host's list and role changes go by it).
 */
export function boundProvider(wsBase: string, workspace: string, plan: string, token: string, appKey: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`${wsBase}/${workspace}`, plan, doc, {
    params: { token, appKey },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}

/**
 * A WebSocket class for the stock client that records each permission-denied reason the server sends
 * it (the stock client only logs them), in order across its reconnects, and each close code in `closes`.
 */
export function refusalRecordingSocket(refusals: string[], closes?: number[]): typeof globalThis.WebSocket {
  class RecordingSocket extends WebSocket {
    constructor(...args: ConstructorParameters<typeof WebSocket>) {
      super(...args);
      this.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== messageType.auth) return;
        decoding.readVarUint(decoder);
        refusals.push(decoding.readVarString(decoder));
      });
      if (closes) this.on('close', (code: number) => closes.push(code));
    }
  }
  return RecordingSocket as unknown as typeof globalThis.WebSocket;
}

/** The stock client as above, recording the refusals the server sends it (refusalRecordingSocket). */
export function refusalRecordingProvider(wsBase: string, workspace: string, plan: string, token: string, doc = new Y.Doc()): { provider: WebsocketProvider; refusals: string[] } {
  const refusals: string[] = [];
  const provider = new WebsocketProvider(`${wsBase}/${workspace}`, plan, doc, {
    params: { token },
    WebSocketPolyfill: refusalRecordingSocket(refusals),
    disableBc: true,
  });
  return { provider, refusals };
}

/**
 * Takes the server's role-change frames as the app's PlanSync does: records each change and reconnects
 * with its token from then on; a change of type 101 (sent to a client whose URL says `answersRoleChange=1`)
 * is answered on the same socket (`role-change-taken`), after which a demotion applies to its updates.
 * `answer: false` is an app that never answers (the server then applies a demotion after its grace).
 */
export function takeRoleChanges(provider: WebsocketProvider, roleChanges: RoleChange[], options: { answer?: boolean } = {}): void {
  const take = (decoder: decoding.Decoder) => {
    const change = readRoleChange(decoder);
    if (change === null) return;
    roleChanges.push(change);
    provider.params = { ...provider.params, token: change.token };
  };
  provider.messageHandlers[roleChangeMessageType] = (_encoder, decoder) => take(decoder);
  provider.messageHandlers[answeredRoleChangeMessageType] = (_encoder, decoder, handling) => {
    take(decoder);
    if (options.answer !== false) handling.ws?.send(encodeRoleChangeTakenFrame());
  };
}
