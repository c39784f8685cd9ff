/**
 * `S01E02`: how file names, release titles, logs and messages name an episode. Both numbers have
 * at least two digits (`S00E101` for a special past 99); the one spelling for server, web and CLI.
 */
export function episodeCode(season: number, episode: number): string {
  return `S${twoDigits(season)}E${twoDigits(episode)}`;
}

function twoDigits(n: number): string {
  return String(n).padStart(2, '0');
}
