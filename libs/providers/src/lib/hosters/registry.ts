import type { HosterName } from '@aniworld/contracts';
import { UnknownHoster } from '../errors';
import { doodstreamExtractor } from './doodstream';
import { filemoonExtractor } from './filemoon';
import { luluvdoExtractor, vidmolyExtractor, vidozaExtractor } from './jw-hosters';
import { hosterFromUrl, normalizeHosterName } from './names';
import { loadxExtractor, speedfilesExtractor, streamtapeExtractor } from './other-hosters';
import type { HosterExtractor } from './types';
import { voeExtractor } from './voe';

export const DEFAULT_EXTRACTORS: readonly HosterExtractor[] = [
  voeExtractor,
  filemoonExtractor,
  vidmolyExtractor,
  doodstreamExtractor,
  vidozaExtractor,
  loadxExtractor,
  luluvdoExtractor,
  speedfilesExtractor,
  streamtapeExtractor,
];

/** Extractors by hoster name; `resolve` accepts a label ("Hoster VOE", "Byse") or an embed URL. */
export class ExtractorRegistry {
  private readonly byName = new Map<HosterName, HosterExtractor>();

  constructor(extractors: readonly HosterExtractor[] = DEFAULT_EXTRACTORS) {
    for (const e of extractors) this.byName.set(e.name, e);
  }

  get names(): HosterName[] {
    return [...this.byName.keys()];
  }

  get(name: HosterName): HosterExtractor | undefined {
    return this.byName.get(name);
  }

  /** The label wins (the URL of a rotating VOE domain says nothing); the URL is the fallback. */
  resolve(label: string | null | undefined, embedUrl?: string): HosterExtractor {
    const name = normalizeHosterName(label) ?? (embedUrl ? hosterFromUrl(embedUrl) : null);
    const extractor = name ? this.byName.get(name) : undefined;
    if (!extractor) throw new UnknownHoster(label ?? name ?? 'unknown', embedUrl);
    return extractor;
  }
}
