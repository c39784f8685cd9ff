import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface RunResult {
  seconds: number;
  code: number | null;
  /** Peak resident set size in bytes (VmHWM of the process), when measured. */
  peakRss: number | null;
  stderr: string;
}

function vmHwm(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Runs a command asynchronously (the sandbox serves from this same process, so the event loop
 * must stay free) and measures wall time; with `rss` it polls /proc/<pid>/status for VmHWM, the
 * kernel's own high-water mark of the resident set, so the last poll before exit is the peak.
 */
export function timeCommand(
  cmd: string,
  args: string[],
  opts: { rss?: boolean; cwd?: string; timeoutMs?: number } = {},
): Promise<RunResult> {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(cmd, args, { cwd: opts.cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr
      .setEncoding('utf8')
      .on('data', (d: string) => (stderr = (stderr + d).slice(-4000)));
    let peak: number | null = null;
    const poll = opts.rss
      ? setInterval(() => {
          const v = child.pid ? vmHwm(child.pid) : null;
          if (v !== null) peak = Math.max(peak ?? 0, v);
        }, 20)
      : null;
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 15 * 60_000);
    child.on('close', (code) => {
      const seconds = (performance.now() - start) / 1000;
      if (poll) clearInterval(poll);
      clearTimeout(timer);
      resolve({ seconds, code, peakRss: peak, stderr });
    });
  });
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
