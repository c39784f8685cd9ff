#!/usr/bin/env node
/*
 * `npm run test:stress [-- <runs>]`: the whole `npm test`, <runs> times in a row (default 3, or
 * STRESS_RUNS), while `stress-ng --cpu 2` keeps two cores busy. It proves the suite waits for
 * states and not for time. stress-ng is stopped at the end whatever happens (success, a failing
 * run, Ctrl-C, SIGTERM, an exception). Stops at the first failing run. Nx's cache is skipped, so
 * every run really runs every test. STRESS_COMMAND replaces `npm test` (one project, say).
 */
import { spawn, spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';

const runs = Number(process.argv[2] ?? process.env.STRESS_RUNS ?? 3);
const cpus = Number(process.env.STRESS_CPUS ?? 2);
const command = process.env.STRESS_COMMAND ?? 'npm test';
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`test:stress: runs must be a positive integer, got "${process.argv[2]}"`);
  process.exit(2);
}
if (spawnSync('stress-ng', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error(
    'test:stress: stress-ng is not installed (Debian/Ubuntu: apt-get install stress-ng)',
  );
  process.exit(2);
}

// Its own process group, so one signal reaches stress-ng and every worker it forked.
const stress = spawn('stress-ng', ['--cpu', String(cpus), '--quiet'], {
  detached: true,
  stdio: 'ignore',
});
let stopped = false;
function stopStress() {
  if (stopped) return;
  stopped = true;
  try {
    process.kill(-stress.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
process.on('exit', stopStress);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    stopStress();
    process.exit(130);
  });
}
process.on('uncaughtException', (error) => {
  stopStress();
  console.error(error);
  process.exit(1);
});

const env = {
  ...process.env,
  TZ: 'UTC',
  NX_DAEMON: 'false',
  NX_NO_CLOUD: 'true',
  NX_SKIP_NX_CACHE: 'true',
};
const results = [];
let failed = false;
for (let i = 1; i <= runs && !failed; i++) {
  console.log(`\n==> test:stress run ${i}/${runs}: ${command} (stress-ng --cpu ${cpus} running)`);
  const started = Date.now();
  const code = await new Promise((resolve) => {
    const child = spawn(command, { stdio: 'inherit', env, shell: true });
    child.on('close', (c) => resolve(c ?? 1));
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  results.push({ run: i, passed: code === 0, seconds, load: loadavg()[0].toFixed(1) });
  failed = code !== 0;
}
stopStress();
console.log('\n==> test:stress results');
for (const r of results)
  console.log(`run ${r.run}: ${r.passed ? 'passed' : 'FAILED'} in ${r.seconds} s (load ${r.load})`);
const passed = results.filter((r) => r.passed).length;
console.log(`${passed}/${runs} runs passed under stress-ng --cpu ${cpus}`);
process.exit(failed ? 1 : 0);
