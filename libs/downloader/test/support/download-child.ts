/**
 * Runs one `download()` in its own process (tests start it inside a tmpfs or as another user) and
 * prints one JSON line: the result or the typed error, and every file left in `dir` afterwards —
 * the mount namespace, and the files in it, end with this process.
 *
 * Usage: node -r ./tools/ts-register.js download-child.ts '<json ChildRequest>'
 */
import { readdirSync } from 'node:fs';
import type { StreamDescriptor } from '@aniworld/contracts';
import { download, DownloadError, silentLogger, type DownloadOptions } from '../../src';

export interface ChildRequest {
  descriptor: StreamDescriptor;
  target: string;
  /** Listed (recursively, files only) once the download settled. */
  dir: string;
  options: Pick<DownloadOptions, 'memoryBudget' | 'connections' | 'verify'>;
}

export interface ChildReport {
  result?: { path: string; bytes: number };
  error?: { name: string; code: string | null; message: string; path: string | null };
  files: string[];
}

function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => !e.isDirectory())
    .map((e) => `${e.parentPath}/${e.name}`.slice(dir.length + 1))
    .sort();
}

async function main(request: ChildRequest): Promise<ChildReport> {
  try {
    const r = await download(request.descriptor, request.target, {
      ...request.options,
      retryBaseDelayMs: 20,
      logger: silentLogger,
    });
    return { result: { path: r.path, bytes: r.bytes }, files: filesIn(request.dir) };
  } catch (err) {
    const e = err as Error & { path?: unknown };
    return {
      error: {
        name: e.name,
        code: err instanceof DownloadError ? err.code : null,
        message: e.message,
        path: typeof e.path === 'string' ? e.path : null,
      },
      files: filesIn(request.dir),
    };
  }
}

void main(JSON.parse(process.argv[2]) as ChildRequest).then((report) =>
  process.stdout.write(`${JSON.stringify(report)}\n`),
);
