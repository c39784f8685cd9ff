import { download } from './lib/download';
import { detectStreamKind } from './lib/detect';
import type { DownloadLogger, ProgressEvent } from './lib/core/types';
import { parseArgs, USAGE } from './cli/args';
import { describeFailure, EXIT } from './cli/exit-codes';
import { formatBytes, formatDuration, progressLine } from './cli/format';

/** Command-line front end: one URL, one file. Exit codes: see cli/exit-codes.ts. */
async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT.ok;
  }
  const args = parseArgs(argv);
  const tty = Boolean(process.stderr.isTTY) && !args.quiet;
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const logger: DownloadLogger = {
    debug: () => undefined,
    info: (m) => !args.quiet && !tty && process.stderr.write(`${m}\n`),
    warn: (m) => !args.quiet && process.stderr.write(`${tty ? '\r\x1b[K' : ''}warning: ${m}\n`),
  };
  let lastLine = 0;
  const onProgress = (e: ProgressEvent): void => {
    if (args.quiet) return;
    if (tty) {
      const width = Math.max(10, Math.min(40, (process.stderr.columns ?? 80) - 70));
      process.stderr.write(`\r\x1b[K${progressLine(e, width)}`);
    } else if (performance.now() - lastLine >= 1000) {
      lastLine = performance.now();
      process.stderr.write(`${progressLine(e, 0)}\n`);
    }
  };

  const kind = args.kind ?? (await detectStreamKind(args.url, args.headers));
  const result = await download({ kind, url: args.url, headers: args.headers }, args.output, {
    connections: args.connections,
    pipelining: args.pipelining,
    bandwidthLimit: args.limitRate,
    preferredHeight: args.preferredHeight,
    stallTimeoutMs: args.stallTimeoutMs,
    verify: args.verify,
    signal: controller.signal,
    onProgress,
    logger,
  });
  if (tty) process.stderr.write('\n');
  for (const w of result.warnings) process.stderr.write(`warning: ${w}\n`);
  if (!args.quiet) {
    const secs = result.durationMs / 1000;
    const fetched = result.bytes - result.resumedBytes;
    process.stderr.write(
      `saved ${result.path} (${formatBytes(result.bytes)}, ${kind}${result.remuxed ? ', remuxed' : ''}` +
        `${result.resumed ? `, resumed after ${formatBytes(result.resumedBytes)}` : ''}) in ${formatDuration(secs)}` +
        ` at ${formatBytes(fetched / Math.max(secs, 0.001))}/s; verification ${result.verification.status}\n`,
    );
  }
  return EXIT.ok;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const { code, message } = describeFailure(err);
    process.stderr.write(`\nerror: ${message}\n`);
    process.exitCode = code;
  },
);
