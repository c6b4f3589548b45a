// Runs the Meta simulator until killed:
//   npx tsx tests/sandbox/cli.ts [--scenario file.json] [--port N] [--public-base-url URL] [--quiet]
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenario, startSimulator } from './simulator';

const DEFAULT_SCENARIO = resolve(import.meta.dirname, 'scenarios/demo.json');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: 'string' },
      port: { type: 'string' },
      'public-base-url': { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be an integer from 0 to 65535, got ${values.port}`);
  }
  const scenario = loadScenario(values.scenario === undefined ? DEFAULT_SCENARIO : resolve(values.scenario));
  const simulator = await startSimulator({
    scenario,
    port,
    publicBaseUrl: values['public-base-url'],
    log: !values.quiet,
  });
  console.log(`Meta simulator listening on ${simulator.url}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`Meta simulator stopping (${signal})`);
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
