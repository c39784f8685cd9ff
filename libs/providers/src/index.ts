export * from './lib/errors';
export * from './lib/languages';
export * from './lib/http/http-client';
export * from './lib/http/undici-client';
export * from './lib/http/polite-client';
export * from './lib/http/clock';
export * from './lib/http/challenge';
export * from './lib/http/url-guard';
export * from './lib/util/urls';
export * from './lib/sites/types';
export * from './lib/sites/fetch-page';
export { AniworldAdapter } from './lib/sites/aniworld/adapter';
export { parseAniworldSeries } from './lib/sites/aniworld/parse-series';
export { parseAniworldSeason } from './lib/sites/aniworld/parse-season';
export { parseAniworldEpisode } from './lib/sites/aniworld/parse-episode';
export * from './lib/sites/aniworld/parse-lists';
export { StoAdapter } from './lib/sites/sto/adapter';
export { parseStoSeries, parseStoSeason } from './lib/sites/sto/parse-series';
export {
  parseStoEpisode,
  parseHeading as parseStoEpisodeHeading,
} from './lib/sites/sto/parse-episode';
export * from './lib/sites/sto/parse-lists';
export { normalizeStoPath } from './lib/sites/sto/paths';
export * from './lib/hosters/types';
export * from './lib/hosters/names';
export * from './lib/hosters/registry';
export * from './lib/hosters/unpacker';
export * from './lib/hosters/voe';
export * from './lib/hosters/doodstream';
export * from './lib/hosters/filemoon';
export * from './lib/hosters/jw-hosters';
export * from './lib/hosters/other-hosters';
export * from './lib/providers';
