/**
 * Download benchmark: this engine (through its CLI, as a separate process) against the peer tools,
 * on the sandbox CDN, raw loopback and simulated CDN (50 ms per request, 5 MiB/s per connection).
 *   npm run bench:download [-- --quick] [--runs N]
 * Writes bench/results/download.md (or download-quick.md) and prints the same table.
 */
import { ensureClip, startSandbox, type Clip, type ClipOptions } from '@aniworld/sandbox';
import { buildSync } from 'esbuild';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { median, timeCommand } from './measure';
import { ENGINE, ENGINE_VERIFY, installed, PEERS, type CaseName } from './peers';
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
const BIG: ClipOptions = {
  name: 'bench1g',
  durationSec: 600,
  heights: [1080],
  segmentSec: 6,
  videoKbps: 14000,
};

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

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const sourceHashes = new Map<string, string>();

/** What a correct download of the case's 1080p variant contains (MP4 file, or the clear TS segments in order). */
async function sourceHash(clip: Clip, kase: CaseName): Promise<string> {
  const key = kase === 'MP4' ? 'mp4' : 'ts';
  const known = sourceHashes.get(key);
  if (known) return known;
  const v = clip.variants[0];
  const hash = createHash('sha256');
  const files = kase === 'MP4' ? [v.mp4] : v.segments.map((s) => join(v.segmentDir, s.uri));
  for (const f of files)
    for await (const chunk of createReadStream(f, { highWaterMark: 1 << 20 }))
      hash.update(chunk as Buffer);
  const hex = hash.digest('hex');
  sourceHashes.set(key, hex);
  return hex;
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

interface BenchTool {
  name: string;
  command(url: string, out: string): [string, string[]];
}

/** Runs that take longer than this get only the minimum number of runs (single-connection peers on the simulated CDN). */
const SLOW_RUN_S = 20;

/**
 * Round-robin over the tools (run 1 of every tool, then run 2 …) so a burst of load from other
 * jobs on the machine hits all tools alike; fast tools get `runs + 2` runs, slow ones `runs`.
 */
async function measureCase(
  network: string,
  kase: CaseName,
  bytes: number,
  expected: string,
  url: string,
  ext: string,
  tools: BenchTool[],
): Promise<Row[]> {
  const state = tools.map((tool) => ({
    tool,
    times: [] as number[],
    rss: null as number | null,
    failure: undefined as string | undefined,
  }));
  for (let round = 0; round < runs + 2; round++) {
    for (const st of state) {
      if (st.failure) continue;
      if (round >= runs && median(st.times) > SLOW_RUN_S) continue;
      const out = join(WORK, `out-${round}.${ext}`);
      const [cmd, argv] = st.tool.command(url, out);
      const r = await timeCommand(cmd, argv, {
        rss: st.tool.name === ENGINE || st.tool.name === ENGINE_VERIFY,
        cwd: WORK,
      });
      const size = statSync(out, { throwIfNoEntry: false })?.size ?? 0;
      rmSync(`${out}.part`, { force: true });
      const engine = st.tool.name === ENGINE || st.tool.name === ENGINE_VERIFY;
      // The engine's output must be the source's bytes exactly (HLS: the decrypted segments in order).
      const wrong = engine && r.code === 0 && (await sha256(out)) !== expected;
      rmSync(out, { force: true });
      if (r.code !== 0 || size < bytes * 0.9 || wrong) {
        st.failure = wrong
          ? 'output differs from the source'
          : `exit ${r.code}, ${size} bytes: ${r.stderr.trim().split('\n').pop() ?? ''}`;
      } else {
        st.times.push(r.seconds);
        if (r.peakRss !== null) st.rss = Math.max(st.rss ?? 0, r.peakRss);
      }
    }
  }
  return state.map((st) => {
    const row: Row = {
      network,
      kase,
      tool: st.tool.name,
      bytes,
      seconds: st.times.length ? median(st.times) : null,
      runs: st.times.length,
      peakRss: st.rss,
      failure: st.failure,
    };
    process.stderr.write(
      `${network} | ${kase} | ${st.tool.name}: ${row.seconds?.toFixed(2) ?? 'failed'} s (${st.times.map((t) => t.toFixed(2)).join(' ')})${st.failure ? ` (${st.failure})` : ''}\n`,
    );
    return row;
  });
}

async function main(): Promise<void> {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const cli = buildEngineCli();
  process.stderr.write(
    `preparing media (${CLIP.name}, ${BIG.name}); the first run generates it with ffmpeg…\n`,
  );
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
    for (const [network, fault] of [
      ['raw loopback', ''],
      ['simulated CDN', SIMULATED],
    ] as const) {
      for (const kase of cases) {
        const bytes = mediaBytes(clip, kase);
        const url = urlFor(sb.baseUrl, clip.name, kase, fault);
        const ext = kase === 'MP4' ? 'mp4' : 'ts';
        const tools = [
          {
            name: ENGINE,
            command: (u: string, o: string): [string, string[]] => [
              process.execPath,
              [cli, u, '-o', o, '-c', '8', '-q', '--no-verify'],
            ],
          },
          {
            name: ENGINE_VERIFY,
            command: (u: string, o: string): [string, string[]] => [
              process.execPath,
              [cli, u, '-o', o, '-c', '8', '-q'],
            ],
          },
          ...peers.filter((p) => p.cases.includes(kase)),
        ];
        // Untimed warm-up: the first reader of a file pays for the page cache, not the tool.
        await timeCommand(
          process.execPath,
          [cli, url, '-o', join(WORK, `warm.${ext}`), '-q', '--no-verify'],
          { cwd: WORK },
        );
        rmSync(join(WORK, `warm.${ext}`), { force: true });
        rows.push(
          ...(await measureCase(
            network,
            kase,
            bytes,
            await sourceHash(clip, kase),
            url,
            ext,
            tools,
          )),
        );
      }
    }

    // Memory on a ≈1 GB download (raw loopback: the fastest, so the most buffering pressure).
    const bigRows: Row[] = [];
    for (const kase of ['MP4', 'HLS'] as CaseName[]) {
      const bytes = mediaBytes(big, kase);
      const out = join(WORK, `big.${kase === 'MP4' ? 'mp4' : 'ts'}`);
      // Two runs, the higher peak counts: the high-water mark depends a little on GC timing.
      let row: Row | null = null;
      for (let i = 0; i < 2; i++) {
        const r = await timeCommand(
          process.execPath,
          [cli, urlFor(sb.baseUrl, big.name, kase, ''), '-o', out, '-c', '8', '-q', '--no-verify'],
          { rss: true, cwd: WORK },
        );
        const size = statSync(out, { throwIfNoEntry: false })?.size ?? 0;
        rmSync(out, { force: true });
        const ok = r.code === 0 && size >= bytes * 0.9;
        const peak = Math.max(row?.peakRss ?? 0, r.peakRss ?? 0);
        row = {
          network: 'raw loopback',
          kase,
          tool: ENGINE,
          bytes,
          seconds: ok ? r.seconds : null,
          runs: i + 1,
          peakRss: peak,
          failure: ok ? undefined : r.stderr.slice(-300),
        };
        process.stderr.write(
          `1 GB ${kase}: ${r.seconds.toFixed(2)} s, peak RSS ${((r.peakRss ?? 0) / 2 ** 20).toFixed(0)} MiB\n`,
        );
        if (!ok) break;
      }
      if (row) bigRows.push(row);
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
