export interface PathStats {
  requests: number;
  bytes: number;
}

export interface SandboxStats {
  requests: number;
  bytes_served: number;
  by_path: Record<string, PathStats>;
}

/** Request and body-byte accounting per request path (query excluded), for `/_sandbox/stats`. */
export class StatsRecorder {
  private requests = 0;
  private bytes = 0;
  private readonly byPath = new Map<string, PathStats>();

  request(path: string): void {
    this.requests += 1;
    this.entry(path).requests += 1;
  }

  bytesSent(path: string, n: number): void {
    this.bytes += n;
    this.entry(path).bytes += n;
  }

  reset(): void {
    this.requests = 0;
    this.bytes = 0;
    this.byPath.clear();
  }

  snapshot(): SandboxStats {
    const by_path: Record<string, PathStats> = {};
    for (const [path, s] of this.byPath) by_path[path] = { ...s };
    return { requests: this.requests, bytes_served: this.bytes, by_path };
  }

  private entry(path: string): PathStats {
    let e = this.byPath.get(path);
    if (!e) {
      e = { requests: 0, bytes: 0 };
      this.byPath.set(path, e);
    }
    return e;
  }
}
