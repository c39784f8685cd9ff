import { aniworldRoutes } from './aniworld/aniworld.routes';
import { stoRoutes } from './sto/sto.routes';
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
  ];
}
