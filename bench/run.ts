import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isBenchmark } from './benchmark';

/**
 * Runs every benchmark of this folder in sequence, in file-name order, in this one process:
 * `npm run bench`, or `node dist/bench/run.js calendar-peers` for the named ones only.
 * Benchmarks are found by their `benchmark` export, so adding one needs no change here.
 */
async function main(): Promise<void> {
  const wanted = new Set(process.argv.slice(2));
  const files = readdirSync(__dirname)
    .filter((file) => /\.(js|ts)$/.test(file) && !file.endsWith('.d.ts') && !/^run\.(js|ts)$/.test(file))
    .sort();
  let ran = 0;
  for (const file of files) {
    const loaded: unknown = await import(join(__dirname, file));
    const candidate =
      typeof loaded === 'object' && loaded !== null && 'benchmark' in loaded ? loaded.benchmark : undefined;
    if (!isBenchmark(candidate) || (wanted.size > 0 && !wanted.has(candidate.name))) continue;
    console.log(`\n=== ${candidate.name}: ${candidate.description}\n`);
    const startedMs = Date.now();
    await candidate.run();
    console.log(`\n(${candidate.name} took ${((Date.now() - startedMs) / 1000).toFixed(1)} s)`);
    ran++;
  }
  if (ran === 0) {
    console.error(wanted.size > 0 ? `no benchmark named ${[...wanted].join(', ')}` : 'no benchmarks found');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
