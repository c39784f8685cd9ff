export interface CliArgs {
  url: string;
  output: string;
  headers: Record<string, string>;
  connections?: number;
  pipelining?: number;
  limitRate?: number;
  preferredHeight?: number;
  kind?: 'hls' | 'mp4';
  verify: boolean;
  quiet: boolean;
  stallTimeoutMs?: number;
}

export class UsageError extends Error {}

export const USAGE = `usage: npm run dl -- <url> -o <file> [options]

  -o, --output <file>      target file; .ts keeps the HLS stream, .mp4/.mkv remux (ffmpeg)
  -H, --header 'N: v'      request header, repeatable (Referer, User-Agent, Cookie …)
  -c, --connections <n>    parallel connections (default 8)
      --pipelining <n>     HLS: requests in flight per connection (default 2; 1 = off)
  -r, --limit-rate <rate>  bandwidth limit in bytes/s, suffixes K, M, G (e.g. 500K, 5M)
      --height <px>        HLS master playlists: the variant closest to this height
      --kind hls|mp4       skip auto-detection
      --stall-timeout <s>  abort and retry a request that sends nothing for this long (default 20)
      --no-verify          skip the ffprobe check
  -q, --quiet              no progress output

Interrupted downloads resume when the same command runs again.`;

/** Parses 5M, 500K, 1.5m, 1048576 into bytes per second. */
export function parseRate(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b?)?$/i.exec(text.trim());
  if (!m) throw new UsageError(`invalid rate "${text}" (examples: 500K, 5M, 1048576)`);
  const mult = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[
    m[2].toLowerCase() as '' | 'k' | 'm' | 'g'
  ];
  const value = Math.round(Number(m[1]) * mult);
  if (value <= 0) throw new UsageError('the rate must be above zero');
  return value;
}

export function parseHeader(text: string): [string, string] {
  const i = text.indexOf(':');
  if (i <= 0) throw new UsageError(`invalid header "${text}" (expected 'Name: value')`);
  return [text.slice(0, i).trim(), text.slice(i + 1).trim()];
}

function positiveInt(name: string, text: string | undefined): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} needs a positive whole number`);
  return n;
}

export function parseArgs(argv: string[]): CliArgs {
  const headers: Record<string, string> = {};
  const out: Partial<CliArgs> = { verify: true, quiet: false, headers };
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '-o':
      case '--output':
        out.output = value();
        break;
      case '-H':
      case '--header': {
        const [k, v] = parseHeader(value());
        headers[k] = v;
        break;
      }
      case '-c':
      case '--connections':
        out.connections = positiveInt(a, value());
        break;
      case '--pipelining':
        out.pipelining = positiveInt(a, value());
        break;
      case '-r':
      case '--limit-rate':
        out.limitRate = parseRate(value());
        break;
      case '--height':
        out.preferredHeight = positiveInt(a, value());
        break;
      case '--kind': {
        const k = value();
        if (k !== 'hls' && k !== 'mp4') throw new UsageError('--kind is hls or mp4');
        out.kind = k;
        break;
      }
      case '--stall-timeout':
        out.stallTimeoutMs = positiveInt(a, value()) * 1000;
        break;
      case '--no-verify':
        out.verify = false;
        break;
      case '-q':
      case '--quiet':
        out.quiet = true;
        break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
        positional.push(a);
    }
  }
  if (positional.length !== 1) throw new UsageError('give exactly one URL');
  try {
    const u = new URL(positional[0]);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
  } catch {
    throw new UsageError(`not an http(s) URL: ${positional[0]}`);
  }
  if (!out.output) throw new UsageError('-o <file> is required');
  return { ...(out as CliArgs), url: positional[0] };
}
