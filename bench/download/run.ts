/**
 * Download benchmark: this engine (through its CLI, as a separate process) against the peer tools,
 * on the sandbox CDN, raw loopback and simulated CDN (50 ms per request, 5 MiB/s per connection).
 *   npm run bench:download [-- --quick] [--runs N]
 * Writes bench/results/download.md (or download-quick.md) and prints the same table.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ensureClip, startSandbox, type Clip, type ClipOptions } from '@aniworld/sandbox';
import { buildSync } from 'esbuild';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, timeCommand } from './measure';
import { ENGINE, installed, PEERS, type CaseName } from './peers';
import { renderReport, type Row } from './report';

const REPO = resolve(__dirname, '../..');
const WORK = join(REPO, 'tmp', 'bench-download');
const SIMULATED = 'latency=50;rate=5242880';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;

const CLIP: ClipOptions = quick
  ? { name: 'benchq', durationSec: 120, heights: [1080, 720], segmentSec: 4 }
  : { name: 'bench1080', durationSec: 600, heights: [1080, 720], segmentSec: 4 };
/** ≈1 GB at 14 Mbit/s for the memory check. */
const BIG: ClipOptions = { name: 'bench1g', durationSec: 600, heights: [1080], segmentSec: 6, videoKbps: 14000 };

function buildEngineCli(): string {
  // One bundled file: the engine's startup is node's, not a TypeScript compile on every run.
  const out = join(WORK, 'dl-cli.cjs');
  buildSync({
    entryPoints: [join(REPO, 'libs/downloader/src/cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: out,
    tsconfig: join(REPO, 'tsconfig.base.json'),
    external: ['@ffmpeg-installer/*', '@ffprobe-installer/*'],
    logLevel: 'error',
  });
  return out;
}

function mediaBytes(clip: Clip, kase: CaseName): number {
  const v = clip.variants[0];
  if (kase === 'MP4') return statSync(v.mp4).size;
  return v.segments.reduce((n, s) => n + statSync(join(v.segmentDir, s.uri)).size, 0);
}

function urlFor(base: string, clip: string, kase: CaseName, fault: string): string {
  const f = fault ? `_f/${fault}/` : '';
  switch (kase) {
    case 'MP4':
      return `${base}/cdn/${f}mp4/${clip}.mp4`;
    case 'HLS':
      return `${base}/cdn/${f}hls/${clip}/1080p/index.m3u8`;
    case 'HLS AES-128':
      return `${base}/cdn/${f}hls-aes/${clip}/1080p/index.m3u8`;
    case 'HLS master':
      return `${base}/cdn/${f}hls/${clip}/master.m3u8`;
  }
}

async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const cli = buildEngineCli();
  process.stderr.write(`preparing media (${CLIP.name}, ${BIG.name}); the first run generates it with ffmpeg…\n`);
  const clip = await ensureClip(CLIP);
  const big = await ensureClip(BIG);
  const sb = await startSandbox({ port: 0 });
  sb.registerClip(clip);
  sb.registerClip(big);

  const skipped = [...new Set(PEERS.filter((p) => !installed(p.bin)).map((p) => p.bin))];
  const peers = PEERS.filter((p) => installed(p.bin));
  const rows: Row[] = [];
  const cases: CaseName[] = ['MP4', 'HLS', 'HLS AES-128', 'HLS master'];
  try {
    for (const [network, fault] of [['raw loopback', ''], ['simulated CDN', SIMULATED]] as const) {
      for (const kase of cases) {
        const bytes = mediaBytes(clip, kase);
        const url = urlFor(sb.baseUrl, clip.name, kase, fault);
        const ext = kase === 'MP4' ? 'mp4' : 'ts';
        const tools = [
          { name: ENGINE, command: (u: string, o: string): [string, string[]] => [process.execPath, [cli, u, '-o', o, '-c', '8', '-q', '--no-verify']] },
          ...peers.filter((p) => p.cases.includes(kase)),
        ];
        // Untimed warm-up: the first reader of a file pays for the page cache, not the tool.
        await timeCommand(process.execPath, [cli, url, '-o', join(WORK, `warm.${ext}`), '-q', '--no-verify'], { cwd: WORK });
        rmSync(join(WORK, `warm.${ext}`), { force: true });
        for (const tool of tools) {
          const times: number[] = [];
          let rss: number | null = null;
          let failure: string | undefined;
          for (let i = 0; i < runs && !failure; i++) {
            const out = join(WORK, `out-${i}.${ext}`);
            const [cmd, argv] = tool.command(url, out);
            const r = await timeCommand(cmd, argv, { rss: tool.name === ENGINE, cwd: WORK });
            const size = statSync(out, { throwIfNoEntry: false })?.size ?? 0;
            rmSync(out, { force: true });
            rmSync(`${out}.part`, { force: true });
            if (r.code !== 0 || size < bytes * 0.9) {
              failure = `exit ${r.code}, ${size} bytes: ${r.stderr.trim().split('\n').pop() ?? ''}`;
            } else {
              times.push(r.seconds);
              if (r.peakRss !== null) rss = Math.max(rss ?? 0, r.peakRss);
            }
          }
          const row: Row = { network, kase, tool: tool.name, bytes, seconds: times.length ? median(times) : null, runs: times.length, peakRss: rss, failure };
          rows.push(row);
          process.stderr.write(`${network} | ${kase} | ${tool.name}: ${row.seconds?.toFixed(2) ?? 'failed'} s${failure ? ` (${failure})` : ''}\n`);
        }
      }
    }

    // Memory on a ≈1 GB download (raw loopback: the fastest, so the most buffering pressure).
    const bigRows: Row[] = [];
    for (const kase of ['MP4', 'HLS'] as CaseName[]) {
      const bytes = mediaBytes(big, kase);
      const out = join(WORK, `big.${kase === 'MP4' ? 'mp4' : 'ts'}`);
      const r = await timeCommand(process.execPath, [cli, urlFor(sb.baseUrl, big.name, kase, ''), '-o', out, '-c', '8', '-q', '--no-verify'], { rss: true, cwd: WORK });
      const size = statSync(out, { throwIfNoEntry: false })?.size ?? 0;
      rmSync(out, { force: true });
      bigRows.push({ network: 'raw loopback', kase, tool: ENGINE, bytes, seconds: r.code === 0 && size >= bytes * 0.9 ? r.seconds : null, runs: 1, peakRss: r.peakRss, failure: r.code === 0 ? undefined : r.stderr.slice(-300) });
      process.stderr.write(`1 GB ${kase}: ${r.seconds.toFixed(2)} s, peak RSS ${((r.peakRss ?? 0) / 2 ** 20).toFixed(0)} MiB\n`);
    }

    const report = renderReport({ rows, bigRows, quick, runs, clip: CLIP, big: BIG, skipped });
    mkdirSync(join(REPO, 'bench/results'), { recursive: true });
    const file = join(REPO, 'bench/results', quick ? 'download-quick.md' : 'download.md');
    writeFileSync(file, report);
    process.stdout.write(`${report}\nwritten to ${file}\n`);
  } finally {
    await sb.close();
    rmSync(WORK, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`benchmark failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
