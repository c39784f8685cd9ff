import { spawnSync } from 'node:child_process';

/**
 * Whether a TCP service answers, decided synchronously so a `describe` can depend on it. In CI a
 * missing service is an error (those tests must fail, not skip); elsewhere they are skipped with
 * a message saying so.
 */
export function serviceAvailable(name: string, url: string, defaultPort: number): boolean {
  const { hostname, port } = new URL(url);
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const s=require('net').connect(${Number(port) || defaultPort},${JSON.stringify(hostname)});` +
        `s.setTimeout(1500,()=>process.exit(1));s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));`,
    ],
    { timeout: 5000 },
  );
  const up = probe.status === 0;
  if (!up && process.env['CI']) {
    throw new Error(
      `${name} is not reachable at ${hostname}:${port || defaultPort} but CI requires the ${name} tests to run.`,
    );
  }
  if (!up)
    process.stderr.write(
      `\n[${name}] not reachable at ${hostname}:${port || defaultPort}: its tests are SKIPPED (they run in CI).\n`,
    );
  return up;
}
