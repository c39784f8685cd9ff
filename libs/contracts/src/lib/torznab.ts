/**
 * Torznab wire constants (the endpoint speaks XML; these are the values both the server and the
 * settings page show). Codes and categories follow the Newznab/Torznab specification.
 */

export const TORZNAB_ERROR_DESCRIPTIONS = {
  100: 'Incorrect user credentials',
  200: 'Missing parameter',
  201: 'Incorrect parameter',
  202: 'No such function',
  203: 'Function not available',
  900: 'Unknown error',
} as const;

export type TorznabErrorCode = keyof typeof TORZNAB_ERROR_DESCRIPTIONS;

export const TORZNAB_CATEGORY = {
  movies: 2000,
  tv: 5000,
  tvSd: 5030,
  tvHd: 5040,
  anime: 5070,
} as const;

/** Standard ids and names together: Prowlarr maps caps categories by name first. */
export const TORZNAB_CATEGORIES: readonly {
  id: number;
  name: string;
  subcats: readonly { id: number; name: string }[];
}[] = [
  { id: 2000, name: 'Movies', subcats: [] },
  {
    id: 5000,
    name: 'TV',
    subcats: [
      { id: 5030, name: 'SD' },
      { id: 5040, name: 'HD' },
      { id: 5070, name: 'Anime' },
    ],
  },
];
