import { currentLanguage } from '../core/i18n/language';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A number with a fixed count of decimals in the interface language (German: decimal comma). */
function decimal(value: number, digits: number): string {
  const language = currentLanguage();
  const key = `${language}:${digits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(language, {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** Human-readable byte count (binary units, one decimal): `1.5 MiB`, German `1,5 MiB`. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '–';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${decimal(value, unit === 0 ? 0 : 1)} ${units[unit]}`;
}

/** Seconds as `1h 02m`, `3m 05s` or `42s` (German `1 h 02 min`, `3 min 05 s`, `42 s`). */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0)
    return '–';
  const s = Math.round(seconds);
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  const mm = String(minutes).padStart(2, '0');
  const ss = String(rest).padStart(2, '0');
  if (hours) return $localize`:@@common.duration.hours:${hours}:hours:h ${mm}:minutes:m`;
  if (minutes) return $localize`:@@common.duration.minutes:${minutes}:minutes:m ${ss}:seconds:s`;
  return $localize`:@@common.duration.seconds:${rest}:seconds:s`;
}

/** A bandwidth in megabytes per second (never bytes): `2.50 MB/s`, German `2,50 MB/s`. */
export function formatSpeed(mbps: number | null | undefined): string {
  if (mbps === null || mbps === undefined || !Number.isFinite(mbps)) return '–';
  return `${decimal(mbps, mbps < 10 ? 2 : 1)} MB/s`;
}

/**
 * How long ago a moment was, in the interface language: `now`, `5 minutes ago`, `yesterday`,
 * German `jetzt`, `vor 5 Minuten`, `gestern`.
 */
export function formatAgo(at: string | number, now = Date.now()): string {
  const time = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(time)) return '';
  const format = new Intl.RelativeTimeFormat(currentLanguage(), { numeric: 'auto' });
  const seconds = Math.round((time - now) / 1000);
  if (Math.abs(seconds) < 45) return format.format(0, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** The one spelling of an episode (`S01E02`), shared with the server and the CLI. */
export { episodeCode } from '@aniworld/contracts';
