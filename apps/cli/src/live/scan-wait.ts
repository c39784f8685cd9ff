import type { ScanStatus } from '@aniworld/contracts';
import { Presets, SingleBar } from 'cli-progress';
import { type ApiClient, ApiError, ServerUnreachable } from '../api/api-client';
import { CliError, EXIT } from '../errors';
import type { Output } from '../output';

/**
 * Safety net under the socket: the join request has no acknowledgement, so a scan that ends
 * before the server put us in the room would otherwise be waited for forever.
 */
const STATUS_CHECK_MS = 2000;

/**
 * Starts a scan (or follows the one already running), shows its progress from the socket feed
 * and resolves with its final status. A failed scan is exit 7.
 */
export async function waitForScan(client: ApiClient, out: Output): Promise<ScanStatus> {
  // Connected and joined before the scan starts, so its first events are not missed.
  const socket = await client.connectLive(['scan_progress']);
  const bar =
    out.tty && !out.json
      ? new SingleBar(
          {
            format: 'Scanning |{bar}| {value}/{total} folders {folder}',
            hideCursor: true,
            clearOnComplete: true,
          },
          Presets.shades_classic,
        )
      : null;
  let lastPlainStep = -1;
  let checker: NodeJS.Timeout | undefined;
  try {
    const scanId = await startOrFollow(client, out);
    bar?.start(1, 0, { folder: '' });
    await new Promise<void>((resolve, reject) => {
      socket.on('scan_progress', (e) => {
        if (e.scan_id !== scanId) return;
        if (bar) {
          bar.setTotal(Math.max(1, e.folders_total));
          bar.update(e.folders_done, { folder: e.current_folder ?? '' });
        } else if (!out.json) {
          const step = Math.floor(e.percent / 10);
          if (step !== lastPlainStep) {
            lastPlainStep = step;
            out.note(
              `scan ${Math.floor(e.percent)}% (${e.folders_done}/${e.folders_total} folders)`,
            );
          }
        }
      });
      socket.on('scan_complete', (e) => e.scan_id === scanId && resolve());
      socket.on('scan_failed', (e) => e.scan_id === scanId && resolve());
      socket.on('disconnect', (reason) =>
        reject(new ServerUnreachable(client.server, `the live feed closed (${reason})`)),
      );
      checker = setInterval(() => {
        client
          .scanStatus()
          .then((s) => s && (s.scan_id !== scanId || s.state !== 'running') && resolve(), reject);
      }, STATUS_CHECK_MS);
    });
  } finally {
    clearInterval(checker);
    bar?.stop();
    socket.close();
  }
  const final = await client.scanStatus();
  if (!final) throw new CliError(EXIT.serverError, 'the server forgot the scan it just ran');
  if (final.state === 'failed')
    throw new CliError(
      EXIT.jobFailed,
      `the scan failed: ${final.error ?? 'no reason given'}`,
      'see aniworld config get anime_directory and the server log',
    );
  return final;
}

async function startOrFollow(client: ApiClient, out: Output): Promise<string> {
  try {
    return (await client.rescan()).scan_id;
  } catch (error) {
    if (!(error instanceof ApiError) || error.code !== 'SCAN_IN_PROGRESS') throw error;
    const running = await client.scanStatus();
    if (!running) throw error;
    out.note(`A scan is already running (${running.scan_id}); following it`);
    return running.scan_id;
  }
}
