import { startSandbox } from './sandbox';

/** `npm run sandbox`: serves everything on SANDBOX_PORT (default 8090) until interrupted. */
async function main(): Promise<void> {
  const port = Number(process.env['SANDBOX_PORT'] ?? 8090);
  const sb = await startSandbox({ port, mediaDir: process.env['SANDBOX_MEDIA_DIR'] });
  const lines = [`Sandbox listening on ${sb.baseUrl}`, ''];
  for (const [prefix, url] of Object.entries(sb.urls)) lines.push(`  ${prefix.padEnd(11)} ${url}`);
  lines.push(
    '',
    'Environment for the server / providers:',
    `  ANIWORLD_BASE_URL=${sb.urls['aniworld']}`,
    `  STO_BASE_URL=${sb.urls['sto']}`,
    `  TMDB_BASE_URL=${sb.urls['tmdb']}/3`,
    `  TMDB_IMAGE_BASE_URL=${sb.urls['tmdb']}/t/p`,
    '',
    `Try: curl ${sb.urls['aniworld']}/anime/stream/sternenwanderer`,
    `     curl ${sb.urls['cdn']}/hls/sample/master.m3u8`,
    `Stats: ${sb.urls['_sandbox']}/stats   Faults: PUT ${sb.urls['_sandbox']}/faults {"voe":"status=500"}`,
  );
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = (): void => {
    sb.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `sandbox failed to start: ${err instanceof Error ? err.stack : String(err)}\n`,
  );
  process.exit(1);
});
