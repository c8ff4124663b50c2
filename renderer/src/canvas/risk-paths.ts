import { CardFlag, type CascadeSnapshot } from './cascade-snapshot.js';

/** What "where risk begins" draws: origins, and the severity carried by each node's link upward. */
export interface RiskPaths {
  /** Rows where risk (or blocked work) originates. */
  origins: Int32Array;
  /** Severity of the link from each row up to its parent: 0 none, 1 at risk, 2 off track. */
  linkSeverity: Uint8Array;
}

/**
 * Marks the nodes carrying a risk signal of their own and the path from each up to its strategy,
 * in the worst severity that travels along it. Each link is climbed once per severity at most, so
 * the whole plan costs O(nodes).
 */
export function riskPaths(snapshot: CascadeSnapshot, only: 'risk' | 'blocked'): RiskPaths {
  const count = snapshot.ids.length;
  const linkSeverity = new Uint8Array(count);
  const origins: number[] = [];
  for (let row = 0; row < count; row++) {
    const severity = only === 'blocked'
      ? ((snapshot.flags[row]! & CardFlag.blocked) !== 0 ? 2 : 0)
      : snapshot.ownRisk[row]!;
    if (severity === 0) continue;
    origins.push(row);
    for (let at = row; at !== -1 && linkSeverity[at]! < severity; at = snapshot.parent[at]!) linkSeverity[at] = severity;
  }
  return { origins: Int32Array.from(origins), linkSeverity };
}

/** Active work with no path to a key result or objective, shown apart from the cascade. */
export function unalignedRows(snapshot: CascadeSnapshot): number[] {
  const rows: number[] = [];
  for (let row = 0; row < snapshot.ids.length; row++) if ((snapshot.flags[row]! & CardFlag.unaligned) !== 0) rows.push(row);
  return rows;
}
