import type { HosterName, LanguageCode } from '@aniworld/contracts';
import type { CatalogSeries } from './catalog-types';

/** A hoster name, or with "!" a link whose video is gone on the hoster (404/410/"nicht verfügbar"). */
export type HosterPick = HosterName | `${HosterName}!`;
export type LanguagePlan = Partial<Record<LanguageCode, HosterPick[]>>;

export interface EpisodeSpec {
  de: string;
  en: string;
  /** Replaces the season's plan for the languages it names. */
  langs?: LanguagePlan;
}

export interface SeasonSpec {
  number: number;
  langs: LanguagePlan;
  episodes: EpisodeSpec[];
}

export interface SeriesSpec extends Omit<CatalogSeries, 'seasons'> {
  seasons: SeasonSpec[];
}

/** The display name of the path-safety series: path traversal, separators, quotes and control characters. */
export const HOSTILE_TITLE = '../../etc\u0001 "Böse" <Serie>: Teil/2 *?|\u001b[31m';

/**
 * The catalog both sites are generated from. Edit here; ids, hoster ids and links are derived
 * deterministically by catalog.ts, so tests can rely on them.
 */
export const SERIES_SPECS: readonly SeriesSpec[] = [
  {
    slug: 'sternenwanderer',
    numericId: 227,
    sites: ['aniworld', 'sto'],
    title: 'Sternenwanderer',
    altTitles: ['Star Wanderer', '星の旅人', 'Hoshi no Tabibito'],
    description:
      'Eine junge Kartografin folgt einem fallenden Stern quer durch ein zerbrochenes Königreich. Unterwegs findet sie Freunde, Feinde und die Wahrheit über ihre Herkunft.',
    genres: ['Abenteuer', 'Fantasy', 'Drama', 'Ger', 'GerSub', 'EngSub'],
    startYear: 2019,
    endYear: null,
    fsk: 12,
    imdbId: 'tt9000227',
    tmdbId: 90227,
    seasons: [
      {
        number: 0,
        langs: { 'german-dub': ['VOE', 'Filemoon'], 'german-sub': ['Vidmoly'] },
        episodes: [
          { de: 'Der erste Stern', en: 'The First Star' },
          {
            de: '',
            en: 'Starfall Requiem',
            langs: { 'german-dub': [], 'german-sub': ['VOE', 'Doodstream'] },
          },
        ],
      },
      {
        number: 1,
        langs: {
          'german-dub': ['VOE', 'Filemoon', 'Vidmoly', 'Doodstream'],
          'german-sub': ['VOE', 'LoadX', 'Luluvdo'],
          'english-sub': ['VOE', 'Filemoon'],
        },
        episodes: [
          {
            de: 'Ein Stern fällt',
            en: 'A Star Falls',
            langs: { 'english-dub': ['VOE', 'Vidoza'] },
          },
          { de: 'Die Karte der Welt', en: 'The Map of the World' },
          {
            de: 'Verlorene Wege',
            en: 'Lost Paths',
            langs: { 'german-dub': ['VOE!', 'Filemoon', 'Vidmoly'] },
          },
          { de: 'Heimkehr', en: 'Homecoming' },
        ],
      },
      {
        number: 2,
        langs: {
          'german-sub': ['VOE', 'Filemoon', 'SpeedFiles'],
          'english-sub': ['Vidmoly', 'Streamtape'],
        },
        episodes: [
          { de: 'Neue Sterne', en: 'New Stars' },
          { de: 'Das Observatorium', en: 'The Observatory' },
          { de: 'Finale', en: 'Finale', langs: { 'german-sub': ['VOE!', 'VOE', 'SpeedFiles!'] } },
        ],
      },
    ],
  },
  {
    slug: 'maedchen-und-drachen',
    numericId: 1312,
    sites: ['aniworld', 'sto'],
    title: "Mädchen & Drachen: Ein 'Abenteuer'",
    altTitles: ['Girls & Dragons: An "Adventure"', '少女とドラゴン', 'Shōjo to Doragon'],
    description:
      'Ein Mädchen & ihr Drache „Funke“ ziehen über Täler und Grate – <3 und Ärger inklusive. Größere Abenteuer warten hinter jeder Brücke.',
    genres: ['Abenteuer', 'Komödie', 'Ger', 'GerSub'],
    startYear: 2021,
    endYear: 2023,
    fsk: 6,
    imdbId: 'tt9001312',
    tmdbId: 91312,
    seasons: [
      {
        number: 0,
        langs: { 'german-sub': ['Filemoon'] },
        episodes: [{ de: 'Funkes Geburtstag', en: "Funke's Birthday" }],
      },
      {
        number: 1,
        langs: {
          'german-dub': ['VOE', 'Doodstream', 'Streamtape'],
          'german-sub': ['VOE', 'SpeedFiles', 'Vidoza'],
          'english-dub': ['Luluvdo', 'LoadX'],
        },
        episodes: [
          { de: 'Über die Brücke', en: 'Across the Bridge' },
          {
            de: 'Größer als gedacht',
            en: 'Bigger Than Expected',
            langs: { 'german-dub': ['Doodstream!', 'VOE'] },
          },
          {
            de: 'Äpfel & Birnen <3',
            en: 'Apples & "Pears"',
            langs: { 'german-sub': ['Filemoon!', 'VOE', 'Vidoza'] },
          },
        ],
      },
    ],
  },
  {
    slug: 'dot-dot-etc',
    numericId: 666,
    sites: ['aniworld', 'sto'],
    title: HOSTILE_TITLE,
    altTitles: ['..\\..\\windows\\system32', 'CON', 'nul.txt'],
    description:
      'Eine Serie, deren Name Dateisysteme ärgert: ../, \\, :, *, ?, |, <, > und Steuerzeichen.',
    genres: ['Mystery', 'Ger'],
    startYear: 2024,
    endYear: null,
    fsk: 16,
    imdbId: 'tt9000666',
    tmdbId: 90666,
    seasons: [
      {
        number: 1,
        langs: { 'german-dub': ['VOE', 'Vidoza'], 'german-sub': ['Filemoon'] },
        episodes: [
          { de: '../../../tmp/x\u0007', en: 'CON: "aux" | prn' },
          { de: 'Teil 2/2', en: 'Part 2\\2' },
        ],
      },
    ],
  },
  {
    slug: 'kleine-katze-kuro',
    numericId: 88,
    sites: ['aniworld'],
    title: 'Kleine Katze Kuro',
    altTitles: ['Little Cat Kuro', 'ちいさなクロ'],
    description:
      'Kuro, eine kleine schwarze Katze, erkundet die Dächer von Kyoto. Nur mit Untertiteln verfügbar.',
    genres: ['Slice of Life', 'GerSub', 'EngSub'],
    startYear: 2016,
    endYear: 2016,
    fsk: 0,
    imdbId: 'tt9000088',
    tmdbId: 90088,
    seasons: [
      {
        number: 1,
        langs: {
          'german-sub': ['Streamtape', 'SpeedFiles', 'Vidoza', 'VOE'],
          'english-sub': ['Doodstream', 'Luluvdo'],
        },
        episodes: [
          { de: 'Auf dem Dach', en: 'On the Roof' },
          { de: 'Regen', en: 'Rain', langs: { 'english-sub': ['Luluvdo!', 'Doodstream'] } },
          { de: 'Der Fischmarkt', en: 'The Fish Market' },
        ],
      },
    ],
  },
  {
    slug: 'die-nordwache',
    numericId: 5001,
    sites: ['sto'],
    title: 'Die Nordwache',
    altTitles: ['The North Watch'],
    description: 'Ein Kommissariat an der Küste ermittelt zwischen Sturmflut und Schmuggel.',
    genres: ['Krimi', 'Drama'],
    startYear: 2017,
    endYear: 2020,
    fsk: 12,
    imdbId: 'tt9005001',
    tmdbId: 95001,
    seasons: [
      {
        number: 1,
        langs: {
          'german-dub': ['VOE', 'Vidoza', 'Doodstream', 'Filemoon'],
          'english-dub': ['VOE', 'Vidmoly'],
        },
        episodes: [
          { de: 'Sturmflut', en: 'Storm Surge', langs: { 'german-sub': ['VOE', 'LoadX'] } },
          { de: 'Schmuggelware', en: 'Contraband' },
          { de: 'Leuchtfeuer', en: 'Beacon' },
        ],
      },
      {
        number: 2,
        langs: { 'german-dub': ['VOE', 'Luluvdo', 'SpeedFiles', 'Streamtape'] },
        episodes: [
          { de: 'Neue Wache', en: 'New Watch' },
          {
            de: 'Ebbe',
            en: 'Low Tide',
            langs: { 'german-dub': ['Vidoza!', 'Streamtape!', 'VOE', 'Vidoza', 'Streamtape'] },
          },
        ],
      },
    ],
  },
  {
    slug: '112-notruf',
    numericId: 5002,
    sites: ['sto'],
    title: '112: Notruf',
    altTitles: ['112: Emergency'],
    description: 'Rettungskräfte einer Großstadt zwischen Einsatz und Privatleben.',
    genres: ['Drama', 'Action'],
    startYear: 2022,
    endYear: null,
    fsk: 12,
    imdbId: 'tt9005002',
    tmdbId: 95002,
    seasons: [
      {
        number: 1,
        langs: {
          'german-dub': ['VOE', 'Vidmoly!', 'Filemoon', 'Vidmoly'],
          'english-dub': ['SpeedFiles!', 'LoadX!', 'LoadX'],
        },
        episodes: [
          { de: 'Erster Einsatz', en: 'First Call' },
          { de: 'Nachtschicht', en: 'Night Shift' },
        ],
      },
    ],
  },
];
