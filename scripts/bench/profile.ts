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

export async function profiledSplit(cdp: CDPSession, work: () => Promise<void>): Promise<ProfiledSplit> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await work();
  const { profile } = await cdp.send('Profiler.stop');
  await cdp.send('Profiler.disable');
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
  const extensionFrame = new Map<number, boolean>();
  const underExtension = (id: number): boolean => {
    const known = extensionFrame.get(id);
    if (known !== undefined) return known;
    const parent = parents.get(id);
    const result = nodes.get(id)!.callFrame.url.startsWith('chrome-extension://') || (parent !== undefined && underExtension(parent));
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
