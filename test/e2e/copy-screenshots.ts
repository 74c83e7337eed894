import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { SCREENSHOTS } from './browser';

/** `npm run screenshots -- home-office sign-in …`: copies chosen screenshots of the last e2e run to docs/screenshots. */
const names = process.argv.slice(2);
if (names.length === 0) {
  console.error(
    'usage: npm run screenshots -- <name> [<name>…] (files of test/e2e/screenshots, without .png)',
  );
  process.exit(2);
}
const to = join(__dirname, '../../docs/screenshots');
mkdirSync(to, { recursive: true });
for (const n of names) {
  const from = join(SCREENSHOTS, `${n}.png`);
  if (!existsSync(from)) {
    console.error(`no screenshot ${from}: run npm run test:e2e first`);
    process.exit(1);
  }
  copyFileSync(from, join(to, `${n}.png`));
  console.log(`docs/screenshots/${n}.png`);
}
