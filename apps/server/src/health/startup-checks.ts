import { spawn } from 'node:child_process';
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import type { HealthCheckResult } from '@aniworld/contracts';
import { locateMediaTool } from '@aniworld/downloader';

/** Runs `<binary> -version`; resolves true when it starts and exits 0 within the timeout. */
export function binaryWorks(binary: string, timeoutMs = 5000): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (ok: boolean) => {
      if (!settled) {
        settled = true;
        resolve(ok);
      }
    };
    try {
      const child = spawn(binary, ['-version'], { stdio: 'ignore' });
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        done(false);
      }, timeoutMs);
      child.on('error', () => done(false));
      child.on('exit', (code) => {
        clearTimeout(timer);
        done(code === 0);
      });
    } catch {
      done(false);
    }
  });
}

export async function ffmpegCheck(): Promise<HealthCheckResult> {
  // The same lookup the downloader uses: the system binary, else @ffmpeg-installer/ffmpeg.
  const path = locateMediaTool('ffmpeg');
  return path && (await binaryWorks(path))
    ? { status: 'ok', critical: false, message: `ffmpeg available at ${path}`, details: { path } }
    : {
        status: 'warning',
        critical: false,
        message:
          'ffmpeg not found: HLS downloads are kept as .ts instead of being remuxed. Install ffmpeg to fix.',
      };
}

/**
 * Resolves the provider host names. Offline this must not hold up the start: every lookup is
 * capped, and the result is only a warning.
 */
export async function dnsCheck(hosts: string[], timeoutMs = 2000): Promise<HealthCheckResult> {
  const names = [...new Set(hosts)].filter(
    (host) => host && isIP(host) === 0 && host !== 'localhost',
  );
  if (names.length === 0)
    return { status: 'ok', critical: false, message: 'no host names to resolve' };
  const results = await Promise.all(
    names.map(async (host) => {
      const timeout = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), timeoutMs).unref(),
      );
      const lookup = dns.lookup(host).then(
        () => 'ok' as const,
        (error: NodeJS.ErrnoException) => error.code ?? 'error',
      );
      return [host, await Promise.race([lookup, timeout])] as const;
    }),
  );
  const failed = results.filter(([, result]) => result !== 'ok');
  return failed.length === 0
    ? { status: 'ok', critical: false, message: `resolved ${names.join(', ')}` }
    : {
        status: 'warning',
        critical: false,
        message: `could not resolve ${failed.map(([host, why]) => `${host} (${why})`).join(', ')}; the sites may be unreachable or blocked by DNS`,
      };
}
