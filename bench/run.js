// Runs every bench/*.bench.js in its own Node process (clean memory figures) and prints what they print.
// Benchmarks print figures; they never assert. `npm run bench -- engine` runs only the benches whose name matches.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const benches = readdirSync(here)
  .filter((name) => name.endsWith('.bench.js') && (!filter || name.includes(filter)))
  .sort();
console.log(`tunekit benchmarks — node ${process.version}, ${benches.length} bench file(s)\n`);
let failed = 0;
for (const name of benches) {
  console.log(`── ${name} ${'─'.repeat(Math.max(0, 60 - name.length))}`);
  const result = spawnSync(process.execPath, ['--expose-gc', join(here, name)], { stdio: 'inherit' });
  if (result.status !== 0) {
    failed++;
    console.log(`(${name} exited with ${result.status})`);
  }
  console.log('');
}
if (failed) process.exitCode = 1;
