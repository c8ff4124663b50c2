// Attributes the page's long tasks to functions (RENDERER_BENCH_TRACE=1 in the renderer benchmark):
// a Chromium trace (toplevel tasks + V8's sampling profiler on one clock) of one open, and for every
// main-thread task over 50 ms the time by kind (script, layout, GC, …) and the functions that held it,
// self and inclusive. Read with an unminified build (`npx vite build --config renderer/vite.config.ts
// --minify false`), or the names are the bundle's.
import type { Browser, Page } from '@playwright/test';

/** The trace categories: tasks, their kinds (layout, paint, GC), user timing marks and JS samples. */
const categories = [
  'toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute',
  'disabled-by-default-v8.cpu_profiler', 'blink.user_timing', 'disabled-by-default-v8.gc',
  // What runs in a task with no script in it: Blink's own heap (Oilpan) and its sweeping, IndexedDB's
  // request handling and the messages (mojo) that deliver its results and a worker's.
  'cppgc', 'disabled-by-default-cppgc', 'blink_gc', 'disabled-by-default-blink_gc', 'IndexedDB', 'mojom', 'blink',
];

interface TraceEvent {
  name: string; cat: string; ph: string; pid: number; tid: number; ts: number; dur?: number; tdur?: number; id?: string;
  args?: { name?: string; data?: {
    startTime?: number;
    cpuProfile?: { nodes?: { id: number; parent?: number; callFrame?: { functionName?: string; url?: string; lineNumber?: number } }[]; samples?: number[] };
    timeDeltas?: number[];
  } };
}

/** Garbage collection on the main thread by kind: from open start to the live outline, and to the trace's end. */
export interface GcSummary { kind: string; count: number; totalMs: number; longestMs: number; afterLiveCount: number; afterLiveMs: number }

/** The main thread's GC events summed (V8's scavenges, marking steps and finalisation; Blink's heap sweeps). */
const gcKinds = ['MinorGC', 'MajorGC', 'V8.GCIncrementalMarking', 'V8.GCFinalizeMC', 'V8.GCFinalizeMCReduceMemory', 'V8.GCPhantomHandleProcessingCallback', 'CppGC.IncrementalSweep'];

export interface LongTaskReport {
  startMs: number;
  durationMs: number;
  /** The main thread's own CPU time in the task (the trace's thread duration): on a loaded machine the wall time also counts the time other processes held the core. */
  cpuMs: number;
  kinds: [string, number][];
  self: [string, number][];
  inclusive: [string, number][];
}

/** Runs `action` (an open) under a trace and returns the main thread's long tasks with their functions. */
export async function traceLongTasks(browser: Browser, page: Page, action: () => Promise<void>, thresholdMs = 50, savePath?: string): Promise<{ tasks: LongTaskReport[]; gc: GcSummary[] }> {
  await browser.startTracing(page, { categories, ...(savePath ? { path: savePath } : {}) });
  await action();
  const buffer = await browser.stopTracing();
  const trace = JSON.parse(buffer.toString('utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  return { tasks: longTasksOf(events, thresholdMs), gc: gcSummaryOf(events) };
}

/** The page's main thread (the renderer that marked the open's start). */
function mainThreadOf(events: TraceEvent[]): TraceEvent | undefined {
  const mains = events.filter((event) => event.ph === 'M' && event.name === 'thread_name' && event.args?.name === 'CrRendererMain');
  const openStart = events.find((event) => event.name === 'throughline:open-start');
  return mains.find((thread) => openStart && thread.pid === openStart.pid) ?? mains[0];
}

/** GC on the main thread by kind, from open start to the live outline (and after it, to the trace's end). */
export function gcSummaryOf(events: TraceEvent[]): GcSummary[] {
  const main = mainThreadOf(events);
  const openStart = events.find((event) => event.name === 'throughline:open-start');
  const live = events.find((event) => event.name === 'throughline:outline-interactive');
  if (!main || !openStart) return [];
  const liveTs = live?.ts ?? Number.POSITIVE_INFINITY;
  return gcKinds.map((kind) => {
    const all = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X' && event.name === kind && event.ts >= openStart.ts);
    const before = all.filter((event) => event.ts < liveTs);
    const after = all.filter((event) => event.ts >= liveTs);
    const ms = (list: TraceEvent[]) => Math.round(list.reduce((sum, event) => sum + (event.dur ?? 0), 0) / 1000);
    return { kind, count: before.length, totalMs: ms(before), longestMs: Math.round(Math.max(0, ...before.map((event) => event.dur ?? 0)) / 1000), afterLiveCount: after.length, afterLiveMs: ms(after) };
  }).filter((summary) => summary.count + summary.afterLiveCount > 0);
}

/** One line per GC kind (wall time of the main thread's events). */
export function formatGcSummary(summary: readonly GcSummary[]): string {
  return `  GC on the main thread, open start → live outline (after it, to the trace's end): ${summary.map((gc) => `${gc.kind} ${gc.totalMs} ms in ${gc.count}, longest ${gc.longestMs} (after: ${gc.afterLiveMs} ms in ${gc.afterLiveCount})`).join('; ')}`;
}

function frameName(frame: { functionName?: string; url?: string; lineNumber?: number } | undefined): string {
  const file = frame?.url?.split('/').pop() ?? '';
  return `${frame?.functionName || '(anonymous)'}${file ? ` ${file}:${(frame?.lineNumber ?? 0) + 1}` : ''}`;
}

function top(map: Map<string, number>, count: number): [string, number][] {
  return [...map].sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, us]) => [name, Math.round(us / 100) / 10]);
}

export function longTasksOf(events: TraceEvent[], thresholdMs: number): LongTaskReport[] {
  const openStart = events.find((event) => event.name === 'throughline:open-start');
  const main = mainThreadOf(events);
  if (!main) return [];
  const onMain = events.filter((event) => event.pid === main.pid && event.tid === main.tid && event.ph === 'X');
  // One task shows as two nested events (ThreadControllerImpl::RunTask around RunTask): keep the outer.
  const tasks: TraceEvent[] = [];
  for (const event of onMain.filter((candidate) => (candidate.name === 'RunTask' || candidate.name === 'ThreadControllerImpl::RunTask') && (candidate.dur ?? 0) >= thresholdMs * 1000).sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0))) {
    const outer = tasks[tasks.length - 1];
    if (outer && event.ts >= outer.ts && event.ts + (event.dur ?? 0) <= outer.ts + (outer.dur ?? 0)) continue;
    tasks.push(event);
  }

  // The main thread's samples on the trace clock.
  const profile = events.find((event) => event.name === 'Profile' && event.pid === main.pid && event.tid === main.tid);
  const samples: { ts: number; node: number }[] = [];
  const nodes = new Map<number, { parent?: number; name: string }>();
  if (profile) {
    let ts = profile.args?.data?.startTime ?? 0;
    for (const chunk of events.filter((event) => event.name === 'ProfileChunk' && event.pid === main.pid && event.id === profile.id)) {
      const cpu = chunk.args?.data?.cpuProfile;
      for (const node of cpu?.nodes ?? []) nodes.set(node.id, { parent: node.parent, name: frameName(node.callFrame) });
      const deltas = chunk.args?.data?.timeDeltas ?? [];
      (cpu?.samples ?? []).forEach((node, i) => { ts += deltas[i] ?? 0; samples.push({ ts, node }); });
    }
  }
  samples.sort((a, b) => a.ts - b.ts);
  const origin = openStart?.ts ?? tasks[0]?.ts ?? 0;
  return tasks.map((task) => {
    const end = task.ts + (task.dur ?? 0);
    const kinds = new Map<string, number>();
    for (const event of onMain) {
      if (event === task || event.ts < task.ts || event.ts >= end || !event.dur) continue;
      // Every named piece inside the task (nested ones too, so a kind and its parts both show),
      // apart from the task wrappers themselves.
      if (!/^(ThreadControllerImpl::)?RunTask$/.test(event.name)) kinds.set(event.name, (kinds.get(event.name) ?? 0) + event.dur);
    }
    const self = new Map<string, number>();
    const inclusive = new Map<string, number>();
    const inTask = samples.filter((sample) => sample.ts >= task.ts && sample.ts < end);
    inTask.forEach((sample, i) => {
      const weight = (inTask[i + 1]?.ts ?? end) - sample.ts;
      const leaf = nodes.get(sample.node);
      if (!leaf) return;
      self.set(leaf.name, (self.get(leaf.name) ?? 0) + weight);
      const seen = new Set<string>();
      for (let node: { parent?: number; name: string } | undefined = leaf; node; node = node.parent === undefined ? undefined : nodes.get(node.parent)) {
        if (seen.has(node.name) || node.name.startsWith('(root)')) continue;
        seen.add(node.name);
        inclusive.set(node.name, (inclusive.get(node.name) ?? 0) + weight);
      }
    });
    return { startMs: Math.round((task.ts - origin) / 1000), durationMs: Math.round((task.dur ?? 0) / 1000), cpuMs: Math.round((task.tdur ?? task.dur ?? 0) / 1000), kinds: top(kinds, 10), self: top(self, 8), inclusive: top(inclusive, 14) };
  });
}

/**
 * One line per long task, then its kinds, self and inclusive functions, for the console; first a
 * summary by CPU time from open start on (on a shared machine the wall times count other processes).
 */
export function formatLongTasks(reports: readonly LongTaskReport[]): string {
  const afterStart = reports.filter((task) => task.startMs + task.durationMs >= 0);
  const overCpu = afterStart.filter((task) => task.cpuMs > 50);
  const summary = `  from open start: longest task CPU ${Math.max(0, ...afterStart.map((task) => task.cpuMs))} ms; ${overCpu.length} task(s) over 50 ms of CPU (${overCpu.map((task) => `+${task.startMs}:${task.cpuMs}`).join(' ')}), the last ending at +${Math.max(0, ...overCpu.map((task) => task.startMs + task.durationMs))} ms`;
  return [summary, ...reports.map((task) => [
    `  task at +${task.startMs} ms, ${task.durationMs} ms (CPU ${task.cpuMs} ms)`,
    `    kinds: ${task.kinds.map(([name, ms]) => `${name} ${ms}`).join(', ')}`,
    `    self: ${task.self.map(([name, ms]) => `${name} ${ms}`).join(' | ')}`,
    `    inclusive: ${task.inclusive.map(([name, ms]) => `${name} ${ms}`).join(' | ')}`,
  ].join('\n'))].join('\n');
}
