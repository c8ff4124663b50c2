/**
 * Server-wide count of connections receiving a message larger than the ordinary message limit (a
 * join upload). Each such message may make `ws` buffer up to the join limit, so their number is
 * capped: memory for join uploads stays at most `capacity × maxJoinBytes` however many connect.
 */
export class UploadSlots {
  private used = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.used;
  }

  /** Takes a slot; false when all are taken (the caller refuses the upload). */
  tryAcquire(): boolean {
    if (this.used >= this.capacity) return false;
    this.used++;
    return true;
  }

  release(): void {
    if (this.used > 0) this.used--;
  }
}
