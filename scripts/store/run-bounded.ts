// How a store script runs: `main` once, the process ending with its outcome, and stopped loudly if it takes longer
// than `minutes` (every wait inside is bounded too; this bounds the whole).
export function runBounded(name: string, minutes: number, main: () => Promise<void>): void {
  const deadline = setTimeout(() => {
    console.error(`${name}: not done within ${minutes} minutes; stopped.`);
    process.exit(1);
  }, minutes * 60_000);
  deadline.unref();
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
