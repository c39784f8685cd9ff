import type { HosterName, StreamDescriptor } from '@aniworld/contracts';
import type { HttpClient } from '../http/http-client';

export interface ExtractContext {
  http: HttpClient;
  /** The UA that fetches the embed; pinned into the descriptor because some links are signed per client. */
  userAgent: string;
  now?: () => number;
  /** [0, 1), for Doodstream's random suffix. */
  random?: () => number;
  signal?: AbortSignal;
}

export interface HosterExtractor {
  readonly name: HosterName;
  extract(embedUrl: string, ctx: ExtractContext): Promise<StreamDescriptor>;
}
