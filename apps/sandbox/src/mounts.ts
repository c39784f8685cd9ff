import { aniworldRoutes } from './aniworld/aniworld.routes';
import { doodRoutes } from './hosters/dood.routes';
import { filemoonRoutes } from './hosters/filemoon.routes';
import { luluvdoRoutes, vidmolyRoutes, vidozaRoutes } from './hosters/jw-hosters.routes';
import { loadxRoutes, speedfilesRoutes, streamtapeRoutes } from './hosters/misc-hosters.routes';
import { voeRoutes } from './hosters/voe.routes';
import { stoRoutes } from './sto/sto.routes';
import { tmdbRoutes } from './tmdb/tmdb.routes';
import type { Route } from './server/http-types';
import type { SandboxState } from './server/state';

export const SANDBOX_PREFIXES = [
  'aniworld',
  'sto',
  'voe',
  'dood',
  'filemoon',
  'vidmoly',
  'vidoza',
  'luluvdo',
  'loadx',
  'speedfiles',
  'streamtape',
  'cdn',
  'tmdb',
  '_sandbox',
] as const;

/** Route tables of the sites, hosters and TMDB, keyed by prefix (the CDN and control are added by the server). */
export function siteMounts(state: SandboxState): [string, Route[]][] {
  return [
    ['aniworld', aniworldRoutes(state)],
    ['sto', stoRoutes(state)],
    ['voe', voeRoutes(state)],
    ['dood', doodRoutes(state)],
    ['filemoon', filemoonRoutes(state)],
    ['vidmoly', vidmolyRoutes(state)],
    ['vidoza', vidozaRoutes(state)],
    ['luluvdo', luluvdoRoutes(state)],
    ['loadx', loadxRoutes(state)],
    ['speedfiles', speedfilesRoutes(state)],
    ['streamtape', streamtapeRoutes(state)],
    ['tmdb', tmdbRoutes()],
  ];
}
