import type { LanguageCode } from '@aniworld/contracts';
import { pathInside, sanitizeFileName, seriesFolderName } from '../../common/path-safety';

export interface NamingInput {
  series: string;
  year: number | null;
  /** Folder stored for the series; null builds `Name (Year)`. */
  folder: string | null;
  key: string;
  season: number;
  episode: number;
  absolute: number | null;
  titleDe: string | null;
  titleEn: string | null;
  language: LanguageCode | null;
  /** Variant height in pixels, when known. */
  quality: number | null;
  hoster: string | null;
  ext: string;
}

const PLACEHOLDER = /\{([a-z]+)(?::(0+))?\}/g;

export function seasonFolderName(season: number): string {
  return `Season ${String(season).padStart(2, '0')}`;
}

/**
 * Renders the naming template (`{series} - S{season:00}E{episode:00} - {title}.{ext}`) into one
 * file name. Empty values (no quality yet, no absolute number) take their separators with them.
 */
export function renderFileName(template: string, input: NamingInput): string {
  const values: Record<string, string | number | null> = {
    series: input.series,
    year: input.year,
    season: input.season,
    episode: input.episode,
    absolute: input.absolute,
    title: input.titleDe?.trim() || input.titleEn?.trim() || `Episode ${input.episode}`,
    language: input.language,
    quality: input.quality ? `${input.quality}p` : null,
    hoster: input.hoster,
    key: input.key,
    ext: input.ext,
  };
  const stemTemplate = template.endsWith('.{ext}') ? template.slice(0, -'.{ext}'.length) : template;
  const stem = stemTemplate.replace(PLACEHOLDER, (_match, name: string, zeros?: string) => {
    const value = values[name];
    if (value === null || value === undefined || value === '') return EMPTY;
    const text = String(value);
    return zeros && typeof value === 'number' ? text.padStart(zeros.length, '0') : text;
  });
  return sanitizeFileName(collapseEmpty(stem), input.ext, `Episode ${input.episode}`);
}

/** Marks an empty placeholder so the separators around it can be dropped. */
const EMPTY = '\uE000';

function collapseEmpty(stem: string): string {
  return stem
    .replace(/[([]\s*\uE000\s*[)\]]/g, EMPTY)
    .replace(/(\s*[-_.]\s*)?\uE000(\s*[-_.]\s*)?/g, (_m, before?: string, after?: string) =>
      before && after ? before : '',
    )
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s\-_.]+|[\s\-_.]+$/g, '');
}

/** `<root>/<series folder>/Season NN/<file>`, proven to stay inside root. */
export function episodePath(root: string, template: string, input: NamingInput): string {
  return pathInside(
    root,
    seriesFolderName(input),
    seasonFolderName(input.season),
    renderFileName(template, input),
  );
}
