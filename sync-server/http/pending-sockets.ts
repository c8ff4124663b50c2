import type { Socket } from 'node:net';

/**
 * TCP sockets that have not become a WebSocket yet, counted per client address: a request still
 * arriving, or plain HTTP (the web build, /health) kept alive between requests. Without a cap one
 * address could hold thousands of them, each for as long as Node's default timeouts (about 90 s).
 */
export class PendingSockets {
  private readonly perAddress = new Map<string, number>();
  private readonly pending = new Set<Socket>();

  constructor(private readonly maxPerAddress: number) {}

  /** Counts a new socket; false (nothing counted) when its address already has the most allowed. */
  admit(socket: Socket, address: string): boolean {
    const count = this.perAddress.get(address) ?? 0;
    if (count >= this.maxPerAddress) return false;
    this.perAddress.set(address, count + 1);
    this.pending.add(socket);
    socket.once('close', () => this.forget(socket, address));
    return true;
  }

  /** The socket became a WebSocket (counted per address among connections from now on) or closed. */
  forget(socket: Socket, address: string): void {
    if (!this.pending.delete(socket)) return;
    const left = (this.perAddress.get(address) ?? 1) - 1;
    if (left > 0) this.perAddress.set(address, left);
    else this.perAddress.delete(address);
  }

  countFor(address: string): number {
    return this.perAddress.get(address) ?? 0;
  }
}
