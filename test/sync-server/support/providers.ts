import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';

/** The stock y-websocket 3.x client in Node, connected to `wsBase/<workspace>` room `<plan>`. */
export function stockProvider(wsBase: string, workspace: string, plan: string, token: string, doc = new Y.Doc()): WebsocketProvider {
  return new WebsocketProvider(`${wsBase}/${workspace}`, plan, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
}
