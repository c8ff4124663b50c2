/**
 * The ids a room's document has deleted, as merged ranges per client (a Yjs delete set without the
 * document). Deletes come in ranges and neighbouring ones merge, so this stays far smaller than the
 * document: it is what a stateless room keeps to tell a real delete from one it already has.
 */
export class DeletedRanges {
  /** Per client: sorted, disjoint, non-adjacent [start, end) pairs, flattened. */
  private readonly byClient = new Map<number, number[]>();
  private count = 0;

  /** Ranges held (for the room registry's inspection). */
  get size(): number {
    return this.count;
  }

  /** Records that `client`'s ids [clock, clock + length) are deleted. */
  add(client: number, clock: number, length: number): void {
    if (length <= 0) return;
    let ranges = this.byClient.get(client);
    if (ranges === undefined) {
      ranges = [];
      this.byClient.set(client, ranges);
    }
    let start = clock;
    let end = clock + length;
    // First range whose end reaches `start` (touching ranges merge).
    const first = this.firstEndingAtOrAfter(ranges, start);
    let last = first;
    while (last < ranges.length && ranges[last]! <= end) {
      start = Math.min(start, ranges[last]!);
      end = Math.max(end, ranges[last + 1]!);
      last += 2;
    }
    ranges.splice(first, last - first, start, end);
    this.count += 1 - (last - first) / 2;
  }

  /** True when every id of `client` in [clock, end) is deleted. */
  covers(client: number, clock: number, end: number): boolean {
    if (end <= clock) return true;
    const ranges = this.byClient.get(client);
    if (ranges === undefined) return false;
    const index = this.firstEndingAtOrAfter(ranges, clock + 1);
    return index < ranges.length && ranges[index]! <= clock && ranges[index + 1]! >= end;
  }

  /** Index (even) of the first range whose end is ≥ `position`, or ranges.length. */
  private firstEndingAtOrAfter(ranges: readonly number[], position: number): number {
    let low = 0;
    let high = ranges.length / 2;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (ranges[middle * 2 + 1]! < position) low = middle + 1;
      else high = middle;
    }
    return low * 2;
  }
}
