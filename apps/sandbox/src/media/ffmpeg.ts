import { spawn } from 'node:child_process';

/** Runs the system ffmpeg; rejects with its stderr tail on a non-zero exit. */
export function runFfmpeg(
  args: string[],
  ffmpegPath = process.env['FFMPEG_PATH'] ?? 'ffmpeg',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      ffmpegPath,
      ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', ...args],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    child.on('error', (err) =>
      reject(new Error(`cannot start ffmpeg (${ffmpegPath}): ${err.message}`)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`));
    });
  });
}
