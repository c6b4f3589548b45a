// The benches' one way to summarise samples: the median is robust to the shared machine's noisy outliers.

export function median(samples: readonly number[], digits = 3): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)]!.toFixed(digits));
}

/** Median wall time (ms) of a bounded number of runs of `body`. */
export async function medianMs(runs: number, body: (index: number) => unknown, digits = 3): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const start = performance.now();
    await body(index);
    samples.push(performance.now() - start);
  }
  return median(samples, digits);
}
