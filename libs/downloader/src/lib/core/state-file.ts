import { promises as fs } from 'node:fs';
import { mapFsError } from './errors';

export const STATE_VERSION = 1;

export interface Mp4State {
  version: number;
  kind: 'mp4';
  size: number;
  etag?: string;
  lastModified?: string;
  /** Half-open [start, end) byte intervals known to be on disk, sorted and merged. */
  done: [number, number][];
}

export interface HlsState {
  version: number;
  kind: 'hls';
  /** Identifies the media independently of signed URL tokens (which change on re-resolve). */
  fingerprint: string;
  /** Segments [0, nextIndex) are in the .part file, which is `offset` bytes long. */
  nextIndex: number;
  offset: number;
}

export type DownloadState = Mp4State | HlsState;

export async function readState(path: string): Promise<DownloadState | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(path, 'utf8')) as DownloadState;
    return parsed.version === STATE_VERSION ? parsed : null;
  } catch {
    // Missing or torn (it is written atomically, so torn means foreign): start over.
    return null;
  }
}

/** Write to a temp name and rename, so a crash leaves the old or the new state, never half. */
export async function writeStateAtomic(path: string, state: DownloadState): Promise<void> {
  const tmp = `${path}.tmp`;
  try {
    await fs.writeFile(tmp, JSON.stringify(state));
    await fs.rename(tmp, path);
  } catch (err) {
    throw mapFsError(err, path);
  }
}

/**
 * Persists the state at most every `intervalMs`, one write at a time. Before the state claims
 * bytes, `beforeWrite` (an fdatasync of the .part) makes sure they are really on disk.
 */
export class StateSaver<S extends DownloadState> {
  private lastSave = -Infinity;
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;

  constructor(
    private readonly path: string,
    private readonly snapshot: () => S,
    private readonly beforeWrite: () => Promise<void>,
    private readonly intervalMs = 1000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Called often; saves when the interval has passed. Errors surface on the next flush(). */
  tick(): void {
    if (this.inFlight || this.now() - this.lastSave < this.intervalMs) return;
    this.lastSave = this.now();
    this.inFlight = this.save().then(
      () => {
        this.inFlight = null;
      },
      (err: unknown) => {
        this.failure = err;
        this.inFlight = null;
      },
    );
  }

  async flush(): Promise<void> {
    if (this.inFlight) await this.inFlight;
    if (this.failure) throw this.failure;
    await this.save();
  }

  async remove(): Promise<void> {
    if (this.inFlight) await this.inFlight;
    await fs.rm(this.path, { force: true });
    await fs.rm(`${this.path}.tmp`, { force: true });
  }

  private async save(): Promise<void> {
    const state = this.snapshot();
    await this.beforeWrite();
    await writeStateAtomic(this.path, state);
  }
}
