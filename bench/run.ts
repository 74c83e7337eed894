import { runApiBench } from './api';
import { runDocumentsBench } from './documents';
import { runEmailBench } from './email';
import { runEngineBench } from './engine';
import { runRulesBench } from './rules';
import { runTimersBench } from './timers';

/**
 * `npm run bench`: every benchmark, each printing its figures beside a baseline measured in the same run.
 * `npm run bench -- engine` runs one. Figures are not asserted: see bench/README.md for the latest ones.
 */
const benches: Record<string, () => Promise<void>> = {
  engine: runEngineBench,
  rules: () => runRulesBench(),
  email: runEmailBench,
  timers: runTimersBench,
  api: runApiBench,
  documents: runDocumentsBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length > 0 ? wanted : Object.keys(benches);
  for (const name of names) {
    const run = benches[name];
    if (!run) throw new Error(`unknown benchmark ${name}: one of ${Object.keys(benches).join(', ')}`);
    console.log(`\n=== bench/${name} ===`);
    await run();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
