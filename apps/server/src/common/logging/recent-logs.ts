import { LOG_LEVELS, type LogLevel, type LogLine } from '@aniworld/contracts';

/** Lines kept in memory for `GET /api/system/logs`; the full log is in `<DATA_DIR>/logs/`. */
export const RECENT_LOG_LINES = 500;

export const RECENT_LOGS = Symbol('RECENT_LOGS');

/** Field names whose values are never shown, whatever they hold. */
const SECRET_FIELD = /pass(word)?|secret|token|authori[sz]ation|cookie|api[_-]?key|jwt|signature/i;
/** Secrets that may hide inside a message: bearer tokens, JWTs, credentials in URLs and queries. */
const SECRET_TEXT: [RegExp, string][] = [
  [/(bearer\s+)[\w.~+/-]+=*/gi, '$1[redacted]'],
  [/\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, '[redacted]'],
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1[redacted]@'],
  [
    /([?&](?:token|api_?key|apikey|key|secret|password|passkey|sig|signature)=)[^&\s"']+/gi,
    '$1[redacted]',
  ],
];
const FIXED = new Set(['time', 'level', 'msg', 'context']);

/**
 * A bounded ring of the newest log lines (the JSON the logger writes), read back with secrets
 * removed: by field name, and by pattern inside every string, so a secret that slipped into a
 * message or an error still does not reach the browser.
 */
export class RecentLogs {
  private readonly lines: string[] = [];
  private next = 0;

  constructor(readonly capacity = RECENT_LOG_LINES) {}

  write(line: string): void {
    if (this.lines.length < this.capacity) this.lines.push(line);
    else this.lines[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
  }

  /** The newest `limit` lines at `level` or more severe, oldest first. */
  read(limit = 200, level: LogLevel = 'verbose'): LogLine[] {
    const threshold = LOG_LEVELS.indexOf(level);
    const ordered =
      this.lines.length < this.capacity
        ? this.lines
        : [...this.lines.slice(this.next), ...this.lines.slice(0, this.next)];
    const out: LogLine[] = [];
    for (let i = ordered.length - 1; i >= 0 && out.length < limit; i--) {
      const line = parse(ordered[i]);
      if (line && LOG_LEVELS.indexOf(line.level) <= threshold) out.push(line);
    }
    return out.reverse();
  }
}

function parse(raw: string): LogLine | null {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    return null;
  }
  const fields: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entry))
    if (!FIXED.has(name)) fields[name] = redactField(name, value);
  const level = (LOG_LEVELS as readonly unknown[]).includes(entry['level'])
    ? (entry['level'] as LogLevel)
    : 'info';
  return {
    time: String(entry['time'] ?? ''),
    level,
    msg: redactText(String(entry['msg'] ?? '')),
    context: typeof entry['context'] === 'string' ? entry['context'] : null,
    fields,
  };
}

function redactField(name: string, value: unknown): unknown {
  if (SECRET_FIELD.test(name)) return '[redacted]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redactField('', v));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactField(k, v)]));
  return value;
}

export function redactText(text: string): string {
  return SECRET_TEXT.reduce(
    (out, [pattern, replacement]) => out.replace(pattern, replacement),
    text,
  );
}
