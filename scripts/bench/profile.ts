import type { CDPSession } from 'playwright-core';

// V8's sampling profiler around some work in a page (content scripts run in the page's isolate), its JS time split
// into the extension's share and the page's. Wall-clock figures move ±20 % with a shared machine's load; this split
// does not, so it says what the content script itself costs even when paired ratios are within noise.

export interface ProfiledSplit {
  /** JS time with a frame of the extension's own code on the stack: its observers, timers and the DOM calls they make. */
  extensionMs: number;
  /** All other JS time of the page during the work. */
  pageMs: number;
}

const PROFILER_SYSTEM_FRAMES = new Set(['(root)', '(idle)', '(program)', '(garbage collector)']);

/** The sampled call tree of some work: each node by id, and each node's parent. */
async function recordProfile(cdp: CDPSession, work: () => Promise<unknown>) {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const ownCode = (id: number) => nodes.get(id)!.callFrame.url.startsWith('chrome-extension://');
  return { profile, nodes, parents, ownCode };
}

export async function profiledSplit(cdp: CDPSession, work: () => Promise<void>): Promise<ProfiledSplit> {
  const { profile, nodes, parents, ownCode } = await recordProfile(cdp, work);
  const extensionFrame = new Map<number, boolean>();
  const underExtension = (id: number): boolean => {
    const known = extensionFrame.get(id);
    if (known !== undefined) return known;
    const parent = parents.get(id);
    const result = ownCode(id) || (parent !== undefined && underExtension(parent));
    extensionFrame.set(id, result);
    return result;
  };
  const split = { extensionMs: 0, pageMs: 0 };
  profile.samples?.forEach((id, index) => {
    if (PROFILER_SYSTEM_FRAMES.has(nodes.get(id)!.callFrame.functionName)) return;
    const ms = (profile.timeDeltas?.[index] ?? 0) / 1000;
    if (underExtension(id)) split.extensionMs += ms;
    else split.pageMs += ms;
  });
  return split;
}

/** Prints the extension's functions by self and inclusive time under the profiler, top entries (BENCH_PROFILE=1). */
export async function printExtensionHotspots(cdp: CDPSession, work: () => Promise<unknown>): Promise<void> {
  const { profile, nodes, parents, ownCode } = await recordProfile(cdp, work);
  const label = (id: number) => {
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id)!.callFrame;
    return `${functionName || '(anon)'} ${url.replace(/^.*\//, '')}:${lineNumber + 1}:${columnNumber + 1}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  profile.samples?.forEach((id, index) => {
    const ms = (profile.timeDeltas?.[index] ?? 0) / 1000;
    const stack: number[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) stack.push(at);
    const own = stack.filter(ownCode);
    if (own.length === 0) return;
    self.set(label(id), (self.get(label(id)) ?? 0) + ms);
    for (const name of new Set(own.map(label))) inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
  });
  const top = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([name, ms]) => `${ms.toFixed(1).padStart(7)} ms  ${name}`)
      .join('\n');
  console.log(`[bench] extension self time\n${top(self)}\n[bench] extension inclusive time\n${top(inclusive)}`);
}
