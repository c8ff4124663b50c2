/**
 * The address a workshop host shows participants: the IPv4 address of the interface that carries the
 * default route (what users expect: the Wi-Fi or Ethernet the laptop is online through, not a VPN
 * tunnel, Docker bridge or loopback). On Linux the default route is read from /proc/net/route; on
 * other systems, or when that file is missing, the first private IPv4 address of a physical-looking
 * interface wins (virtual adapters named as Linux, macOS or Windows name them rank last). The host can pick any other candidate.
 */
import type { NetworkInterfaceInfo } from 'node:os';

export interface LanCandidate {
  interfaceName: string;
  address: string;
  /** Carries the default route (or, without a route table, the best guess). */
  preferred: boolean;
}

/** Interfaces named `iface` whose default route this /proc/net/route text lists, lowest metric first. */
export function defaultRouteInterfaces(procNetRoute: string): string[] {
  const routes: { name: string; metric: number }[] = [];
  for (const line of procNetRoute.split('\n').slice(1)) {
    const [name, destination, , flags, , , metric, mask] = line.trim().split(/\s+/);
    if (!name || destination !== '00000000' || mask !== '00000000') continue;
    // RTF_UP (0x1): the route is usable.
    if ((Number.parseInt(flags ?? '0', 16) & 0x1) === 0) continue;
    routes.push({ name, metric: Number(metric ?? 0) });
  }
  return routes.sort((a, b) => a.metric - b.metric).map((route) => route.name);
}

const VIRTUAL = /^(lo|docker|br-|veth|virbr|vmnet|vboxnet|utun|tun|tap|wg|tailscale|zt|llw|awdl|bridge)/i;
/**
 * Windows names its adapters for people ("Wi-Fi", "Ethernet", "vEthernet (WSL)", "VirtualBox Host-Only
 * Network", "VMware Network Adapter VMnet8"), and has no /proc/net/route: the prefixes above matched none,
 * all were private, and the name order put WSL's or VirtualBox's host-only switch first (review43b F4).
 */
const VIRTUAL_WINDOWS = /\b(vEthernet|Hyper-V|WSL|VirtualBox|VMware|VMnet|Docker|TAP-Windows|OpenVPN|WireGuard|Tailscale|ZeroTier|Hamachi|NordLynx|Npcap|Loopback|Bluetooth)\b/i;

function isPrivate(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  return a === 10 || (a === 172 && b !== undefined && b >= 16 && b <= 31) || (a === 192 && b === 168);
}

/** Every IPv4 address participants could reach, the preferred one first. */
export function lanCandidates(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, procNetRoute: string | null): LanCandidate[] {
  const routed = procNetRoute ? defaultRouteInterfaces(procNetRoute) : [];
  const candidates: LanCandidate[] = [];
  for (const [interfaceName, infos] of Object.entries(interfaces)) {
    for (const info of infos ?? []) {
      if (info.family !== 'IPv4' || info.internal || info.address.startsWith('169.254.')) continue;
      candidates.push({ interfaceName, address: info.address, preferred: false });
    }
  }
  const rank = (candidate: LanCandidate) => {
    const route = routed.indexOf(candidate.interfaceName);
    if (route >= 0) return route;
    const virtual = VIRTUAL.test(candidate.interfaceName) || VIRTUAL_WINDOWS.test(candidate.interfaceName);
    return 100 + (virtual ? 100 : 0) + (isPrivate(candidate.address) ? 0 : 10);
  };
  candidates.sort((a, b) => rank(a) - rank(b) || a.interfaceName.localeCompare(b.interfaceName));
  if (candidates[0]) candidates[0].preferred = true;
  return candidates;
}
