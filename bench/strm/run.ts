/**
 * STRM proxy benchmark: the built server in its own process against the sandbox over loopback,
 * with players that read `.strm` URLs the way a media server does (test/helpers/strm-player.ts).
 * Measures the server's memory while twenty players stream twenty different episodes at once:
 * - burst: every player reads its episode once, as fast as loopback allows;
 * - paced: each player streams its episode over and over for `--seconds` (default 60) from a
 *   CDN capped at `--rate` bytes/s per connection (default 512 KiB/s, a 4 Mbit/s stream).
 * Every playback is checked byte for byte against the sandbox's media.
 *   npm run bench:strm [-- --seconds 60] [--rate 524288] [--players 20]
 * Writes bench/results/strm.md and prints it. Needs the built server (`npx nx build server`).
 */
/* eslint-disable @nx/enforce-module-boundaries -- the players and the grab are the server's own
   test helpers; bench/ is not shipped code. */
import { ensureClip, SAMPLE_CLIP, startSandbox } from '@aniworld/sandbox';
import { spawnBuiltServer } from '@aniworld/testing';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { QbitTestClient } from '../../apps/server/test/helpers/qbit';
import { grabStrm, strmRelease, TWENTY_EPISODES } from '../../apps/server/test/helpers/strm';
import { expectedSha256, play, type Playback } from '../../apps/server/test/helpers/strm-player';

const REPO = resolve(__dirname, '../..');
const PASSWORD = 'Bench-Passw0rd!';
const args = process.argv.slice(2);
const arg = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SECONDS = Number(arg('--seconds') ?? 60);
const RATE = Number(arg('--rate') ?? 512 * 1024);
const PLAYERS = Math.min(Number(arg('--players') ?? 20), TWENTY_EPISODES.length);

const MiB = 1024 * 1024;

/** Resident and peak resident memory of a process, from /proc (bytes). */
function memoryOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}

/** Samples the RSS every 100 ms while `work` runs. */
async function sampled<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ result: T; peak: number; mean: number }> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(memoryOf(pid).rss), 100);
  try {
    const result = await work();
    samples.push(memoryOf(pid).rss);
    return {
      result,
      peak: Math.max(...samples),
      mean: samples.reduce((a, b) => a + b, 0) / samples.length,
    };
  } finally {
    clearInterval(timer);
  }
}

async function main(): Promise<void> {
  const sandbox = await startSandbox({ port: 0 });
  const clip = await ensureClip(SAMPLE_CLIP);
  const downloads = mkdtempSync(join(tmpdir(), 'aniworld-bench-strm-'));
  const server = await spawnBuiltServer({
    env: {
      ANIWORLD_BASE_URL: `${sandbox.baseUrl}/aniworld`,
      STO_BASE_URL: `${sandbox.baseUrl}/sto`,
      ARR_DOWNLOAD_DIRECTORY: downloads,
      STRM_MODE: 'only',
      LOG_LEVEL: 'warn',
    },
    settings: { providers: { requests_per_second: 20 } },
  });
  const pid = server.child.pid as number;
  const lines: string[] = [];
  const out = (line: string) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  try {
    const setup = await fetch(`${server.url}/api/auth/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ password: PASSWORD }),
    });
    const { access_token } = (await setup.json()) as { access_token: string };
    const credentials = (await (
      await fetch(`${server.url}/api/arr/credentials`, {
        headers: { authorization: `Bearer ${access_token}` },
      })
    ).json()) as { qbittorrent: { password: string } };
    const qb = new QbitTestClient(server.url, 'admin', credentials.qbittorrent.password);
    await qb.login();
    const urls: string[] = [];
    for (const e of TWENTY_EPISODES.slice(0, PLAYERS))
      urls.push((await grabStrm(qb, strmRelease(e))).url);
    // Resolve every episode once, so the figures are about streaming, not about the sites.
    for (const u of urls) await fetch(u, { method: 'HEAD' });
    const idle = memoryOf(pid).rss;

    const check = (playbacks: Playback[]) => {
      for (const p of playbacks)
        if (p.sha256 !== expectedSha256(clip, p)) throw new Error('a playback read wrong bytes');
    };
    const burstStart = Date.now();
    const burst = await sampled(pid, () => Promise.all(urls.map((u) => play(u))));
    const burstSeconds = (Date.now() - burstStart) / 1000;
    check(burst.result);
    const burstBytes = burst.result.reduce((s, p) => s + p.bytes, 0);

    sandbox.setFaults('cdn', `rate=${RATE}`);
    const until = Date.now() + SECONDS * 1000;
    const pacedStart = Date.now();
    const paced = await sampled(pid, () =>
      Promise.all(
        urls.map(async (u) => {
          const done: Playback[] = [];
          while (Date.now() < until) done.push(await play(u));
          return done;
        }),
      ),
    );
    const pacedSeconds = (Date.now() - pacedStart) / 1000;
    sandbox.clearFaults();
    const pacedPlaybacks = paced.result.flat();
    check(pacedPlaybacks);
    const pacedBytes = pacedPlaybacks.reduce((s, p) => s + p.bytes, 0);
    // The kernel updates VmHWM lazily; the samples may have seen a little more.
    const peak = Math.max(memoryOf(pid).hwm, burst.peak, paced.peak);
    const kinds = [
      ...new Set(burst.result.map((p) => `${p.kind}${p.byteRange ? ' (byte ranges)' : ''}`)),
    ];

    const mb = (n: number) => `${(n / MiB).toFixed(0)} MiB`;
    out('# STRM proxy benchmark');
    out('');
    out(
      `${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, load average ${loadavg()[0].toFixed(1)}; ` +
        `${PLAYERS} players of different episodes (${kinds.join(', ')}), the built server in its own process, ` +
        `the sandbox's ${clip.durationSec}-s clip (MP4 ${mb(readFileSync(clip.variants[0].mp4).length)}). ` +
        'Every playback checked byte for byte.',
    );
    out('');
    out(
      '| phase | players | duration | bytes proxied | server RSS peak (sampled every 100 ms) | mean |',
    );
    out('|---|---|---|---|---|---|');
    out(`| idle, every episode resolved | 0 | — | — | ${mb(idle)} | — |`);
    out(
      `| burst: each reads its episode once, unthrottled | ${PLAYERS} | ${burstSeconds.toFixed(1)} s | ${mb(burstBytes)} | ${mb(burst.peak)} | ${mb(burst.mean)} |`,
    );
    out(
      `| paced: ${(RATE / 1024).toFixed(0)} KiB/s per CDN connection, looping | ${PLAYERS} | ${pacedSeconds.toFixed(0)} s (${pacedPlaybacks.length} playbacks) | ${mb(pacedBytes)} | ${mb(paced.peak)} | ${mb(paced.mean)} |`,
    );
    out('');
    out(
      `Peak RSS of the server process over the whole run: ${mb(peak)}, ${mb(peak - idle)} above idle ` +
        `with ${PLAYERS} players streaming; ${mb(burstBytes + pacedBytes)} passed through.`,
    );
    mkdirSync(join(REPO, 'bench/results'), { recursive: true });
    writeFileSync(join(REPO, 'bench/results/strm.md'), `${lines.join('\n')}\n`);
  } finally {
    await server.stop();
    server.cleanUp();
    await sandbox.close();
    rmSync(downloads, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
