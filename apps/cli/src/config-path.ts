import type { AppConfig, ConfigUpdate } from '@aniworld/contracts';
import { CliError, EXIT, usageError } from './errors';

/** The value at a dotted path (`downloads.concurrency`) of the configuration; exit 2 if none. */
export function valueAt(config: AppConfig, path: string): unknown {
  let node: unknown = config;
  for (const part of path.split('.')) {
    if (node === null || typeof node !== 'object' || Array.isArray(node) || !(part in node))
      throw new CliError(
        EXIT.notFound,
        `the configuration has no "${path}"`,
        `top-level keys: ${Object.keys(config).join(', ')} (aniworld config get shows everything)`,
      );
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/**
 * The text of `config set <path> <value>` as the type the setting has now: a number, a boolean,
 * null, a list (JSON `["a","b"]` or `a,b`) or a string taken as typed (no quotes needed). JSON
 * decides for settings that are null today.
 */
export function parseValue(current: unknown, text: string): unknown {
  if (typeof current === 'string') return text === 'null' ? null : text;
  if (Array.isArray(current)) {
    if (text.trim().startsWith('[')) return parseJson(text);
    return text === '' ? [] : text.split(',').map((s) => s.trim());
  }
  if (typeof current === 'number') {
    if (text === 'null') return null;
    const n = Number(text);
    if (text.trim() === '' || !Number.isFinite(n)) throw usageError(`"${text}" is not a number`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (text !== 'true' && text !== 'false') throw usageError(`"${text}" is not true or false`);
    return text === 'true';
  }
  if (current !== null && typeof current === 'object')
    throw usageError('a whole section cannot be set at once', 'set its keys one by one');
  // null today: JSON if it is JSON, else the text itself (a path, a URL).
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** `{downloads: {concurrency: 3}}` for `downloads.concurrency` = 3: sections merge on the server. */
export function updateFor(path: string, value: unknown): ConfigUpdate {
  const parts = path.split('.');
  let update: unknown = value;
  for (const part of parts.reverse()) update = { [part]: update };
  return update as ConfigUpdate;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw usageError(`"${text}" is not a JSON list`, 'write it as ["a","b"] or a,b');
  }
}
