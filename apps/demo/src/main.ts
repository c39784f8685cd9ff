import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Child } from './children';
import { createLibrary, DEMO_LIBRARY } from './library';

const ROOT = resolve(__dirname, '../../..');
const SERVER_MAIN = join(ROOT, 'dist/apps/server/main.js');
/** Meets the password policy; printed, because this is a throw-away demo. */
export const DEMO_PASSWORD = 'Demo-Passw0rd!';
const READY_TIMEOUT_MS = 120_000;

/**
 * `npm run demo`: the sandbox (the local stand-in for the sites, hosters and CDN) and the built
 * server pointed at it, a temporary data directory and a pre-filled library, the first-run setup
 * done. Ctrl-C (or SIGTERM) stops both and removes the temporary directory. Nothing goes online.
 */
async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 8000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new Error(`PORT=${process.env['PORT']} is not a port (1-65535)`);
  const host = process.env['HOST'] ?? '127.0.0.1';
  if (!process.argv.includes('--no-build')) build();
  if (!existsSync(SERVER_MAIN))
    throw new Error(`${SERVER_MAIN} is missing: run npm run demo without --no-build`);

  const work = mkdtempSync(join(tmpdir(), 'aniworld-demo-'));
  const children: Child[] = [];
  let stopping: Promise<void> | null = null;
  const stop = (code: number): Promise<void> =>
    (stopping ??= (async () => {
      process.stderr.write('\nStopping the demo…\n');
      await Promise.all(children.map((c) => c.stop()));
      rmSync(work, { recursive: true, force: true });
      process.stderr.write('Stopped; the temporary directory is removed.\n');
      process.exit(code);
    })());
  // A terminal's Ctrl-C reaches the whole process group; the demo still stops them itself, in
  // order, so nothing is left behind when only the demo gets the signal (kill, systemd).
  process.once('SIGINT', () => void stop(0));
  process.once('SIGTERM', () => void stop(0));

  try {
    const env = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? work, TZ: 'UTC' };
    const sandbox = new Child(
      'sandbox',
      process.execPath,
      ['-r', join(ROOT, 'tools/ts-register.js'), join(ROOT, 'apps/sandbox/src/main.ts')],
      {
        ...env,
        SANDBOX_PORT: '0',
        ...(process.env['SANDBOX_MEDIA_DIR']
          ? { SANDBOX_MEDIA_DIR: process.env['SANDBOX_MEDIA_DIR'] }
          : {}),
      },
    );
    children.push(sandbox);
    process.stderr.write(
      'Starting the sandbox (the first start generates its media with ffmpeg)…\n',
    );
    const sandboxUrl = await withTimeout(
      sandbox.waitForLine(/Sandbox listening on (http:\/\/\S+)/),
      'the sandbox',
    );

    const library = join(work, 'anime');
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    createLibrary(library, await fetchSample(sandboxUrl));
    writeFileSync(
      join(dataDir, 'config.json'),
      JSON.stringify({ providers: { requests_per_second: 10 } }, null, 2),
    );

    const server = new Child('server', process.execPath, [SERVER_MAIN], {
      ...env,
      PORT: String(port),
      HOST: host,
      DATA_DIR: dataDir,
      ANIME_DIRECTORY: library,
      ANIWORLD_BASE_URL: `${sandboxUrl}/aniworld`,
      STO_BASE_URL: `${sandboxUrl}/sto`,
      // The sandbox's TMDB takes any key: posters, NFO files and artwork work offline too.
      TMDB_BASE_URL: `${sandboxUrl}/tmdb/3`,
      TMDB_IMAGE_BASE_URL: `${sandboxUrl}/tmdb/t/p`,
      TMDB_API_KEY: 'demo-key-for-the-sandbox',
    });
    children.push(server);
    const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
    process.stderr.write(`Starting the server on port ${port}…\n`);
    await withTimeout(untilHealthy(base, server), 'the server');
    for (const child of children)
      void child.whenExited().then((code) => {
        if (stopping) return;
        process.stderr.write(`\n${child.name} ended unexpectedly (${code}):\n${child.output()}\n`);
        void stop(1);
      });

    const token = await setUp(base);
    await scanLibrary(base, token);

    const url = `http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${port}`;
    process.stdout.write(
      [
        '',
        'Aniworld demo is ready (offline: the sites, hosters and CDN are the local sandbox).',
        '',
        `  URL:       ${url}`,
        `  Password:  ${DEMO_PASSWORD}`,
        `  CLI:       npm run cli -- --server ${url} login`,
        '',
        `Library (${library}):`,
        ...DEMO_LIBRARY.map((f) => `  ${f.folder.padEnd(26)} ${f.why}`),
        '',
        `Sandbox: ${sandboxUrl}   Data: ${dataDir}`,
        'Press Ctrl-C to stop; the temporary directory is removed.',
        '',
      ].join('\n'),
    );
  } catch (error) {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    await stop(1);
  }
}

/**
 * The server and the web app as `npm start` builds them (Nx skips what is up to date). Output goes
 * to stderr so stdout holds only the demo's own lines. `--no-build` skips it when the builds are
 * known to be fresh (the demo's test, whose target built them already).
 */
function build(): void {
  process.stderr.write('Building the server and the web app (cached after the first time)…\n');
  const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  const run = spawnSync(
    npx,
    ['nx', 'run-many', '-t', 'build', '-p', 'server', 'web', '--output-style=static'],
    { cwd: ROOT, stdio: ['ignore', 2, 2] },
  );
  if (run.status !== 0)
    throw new Error(`the build failed (${run.error?.message ?? run.signal ?? run.status})`);
}

/** The sandbox's sample clip: a real video for the episode files of the library. */
async function fetchSample(sandboxUrl: string): Promise<Buffer> {
  const res = await fetch(`${sandboxUrl}/cdn/mp4/sample.mp4`);
  if (!res.ok) throw new Error(`the sandbox's sample clip answered ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

async function untilHealthy(base: string, server: Child): Promise<void> {
  for (;;) {
    if (!server.running) throw new Error(`the server exited:\n${server.output()}`);
    try {
      const res = await fetch(`${base}/health`);
      if (res.status === 200 || res.status === 503) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The first-run setup, as the web app would do it; returns the owner's token. */
async function setUp(base: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    // ANIME_DIRECTORY is set for the server, so setup must not name the directory again.
    body: JSON.stringify({ password: DEMO_PASSWORD }),
  });
  if (res.status !== 201) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** A first scan, so the library page shows the series when the URL is printed. */
async function scanLibrary(base: string, token: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const started = await fetch(`${base}/api/anime/rescan`, { method: 'POST', headers });
  if (started.status !== 202) throw new Error(`rescan answered ${started.status}`);
  for (;;) {
    const res = await fetch(`${base}/api/anime/scan`, { headers });
    const text = await res.text();
    const scan = text ? (JSON.parse(text) as { state: string; error: string | null }) : null;
    if (scan && scan.state !== 'running') {
      if (scan.state !== 'completed')
        throw new Error(`the first scan ${scan.state}: ${scan.error}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function withTimeout<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${what} was not ready within ${READY_TIMEOUT_MS / 1000} s`)),
        READY_TIMEOUT_MS,
      );
    }),
  ]).finally(() => clearTimeout(timer));
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
