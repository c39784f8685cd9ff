import type { Clip } from '../media/clip-types';

/** A Doodstream pass_md5 grant: the media link is valid only for the UA that asked for it. */
export interface DoodGrant {
  token: string;
  userAgent: string;
  clip: string;
}

/** Mutable state shared by the route modules of one sandbox instance. */
export class SandboxState {
  readonly clips = new Map<string, Clip>();
  readonly doodGrants = new Map<string, DoodGrant>();

  constructor(private readonly originRef: () => string) {}

  /** `http://127.0.0.1:<port>` (or the configured public base URL). */
  origin(): string {
    return this.originRef();
  }

  /** The same origin with the other loopback name, for VOE's rotating-domain hop. */
  alternateOrigin(host: string): string {
    const url = new URL(this.origin());
    url.hostname = host.startsWith('localhost') ? '127.0.0.1' : 'localhost';
    return url.origin;
  }
}
