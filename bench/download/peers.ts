import { execFileSync } from 'node:child_process';

export type CaseName = 'MP4' | 'HLS' | 'HLS AES-128' | 'HLS master';

export interface Tool {
  name: string;
  /** Binary that must be on PATH. */
  bin: string;
  cases: CaseName[];
  /** Command for one download of `url` into `out`. */
  command(url: string, out: string): [string, string[]];
}

/** The engine as peers are run (no verification); the targets are judged on this row. */
export const ENGINE = 'aniworld dl -c 8';
/** The same with its ffprobe verification (the default of `npm run dl`), reported for fairness. */
export const ENGINE_VERIFY = 'aniworld dl -c 8 +verify';

export function installed(bin: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const ALL: CaseName[] = ['MP4', 'HLS', 'HLS AES-128', 'HLS master'];
const HLS_CASES: CaseName[] = ['HLS', 'HLS AES-128', 'HLS master'];

/** Peers as a user would run them (defaults; HLS written as .ts so nobody pays for a remux). */
export const PEERS: Tool[] = [
  {
    name: 'ffmpeg -c copy',
    bin: 'ffmpeg',
    cases: ALL,
    command: (url, out) => [
      'ffmpeg',
      ['-nostdin', '-loglevel', 'error', '-y', '-i', url, '-c', 'copy', out],
    ],
  },
  {
    name: 'yt-dlp',
    bin: 'yt-dlp',
    cases: ALL,
    command: (url, out) => [
      'yt-dlp',
      ['-q', '--no-warnings', '--no-part', '--force-overwrites', '-o', out, url],
    ],
  },
  {
    name: 'yt-dlp -N 8',
    bin: 'yt-dlp',
    cases: HLS_CASES,
    command: (url, out) => [
      'yt-dlp',
      ['-q', '--no-warnings', '--no-part', '--force-overwrites', '-N', '8', '-o', out, url],
    ],
  },
  {
    name: 'aria2c -x8 -s8',
    bin: 'aria2c',
    cases: ['MP4'],
    command: (url, out) => {
      const slash = out.lastIndexOf('/');
      return [
        'aria2c',
        [
          '-q',
          '-x8',
          '-s8',
          '-k1M',
          '--allow-overwrite=true',
          '--auto-file-renaming=false',
          '-d',
          out.slice(0, slash),
          '-o',
          out.slice(slash + 1),
          url,
        ],
      ];
    },
  },
  {
    name: 'curl',
    bin: 'curl',
    cases: ['MP4'],
    command: (url, out) => ['curl', ['-s', '-f', '-o', out, url]],
  },
];
