import { NAMING_PLACEHOLDERS, type NamingPlaceholder } from '@aniworld/contracts';

/** Same grammar the server accepts: `{name}` or `{name:00}` (zero-padded to the zeros' count). */
const PLACEHOLDER = /\{([^{}:]*)(?::(0+))?\}/g;

export type NamingSample = Record<NamingPlaceholder, string | number>;

export const NAMING_SAMPLE: NamingSample = {
  series: 'Frieren',
  year: 2023,
  season: 1,
  episode: 5,
  absolute: 5,
  title: 'Phantoms of the Dead',
  language: 'German Dub',
  quality: '1080p',
  hoster: 'VOE',
  key: 'frieren',
  ext: 'mp4',
};

export interface NamingPreview {
  text: string;
  unknown: string[];
}

/** Renders a naming template with sample values, listing placeholders the server would refuse. */
export function renderNamingTemplate(
  template: string,
  sample: NamingSample = NAMING_SAMPLE,
): NamingPreview {
  const unknown: string[] = [];
  const text = template.replace(PLACEHOLDER, (whole, name: string, zeros: string | undefined) => {
    if (!(NAMING_PLACEHOLDERS as readonly string[]).includes(name)) {
      unknown.push(name);
      return whole;
    }
    const value = sample[name as NamingPlaceholder];
    return zeros && typeof value === 'number'
      ? String(value).padStart(zeros.length, '0')
      : String(value);
  });
  return { text, unknown };
}
