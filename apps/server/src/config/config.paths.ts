/** Small helpers for dotted paths into plain config objects. */
export type Plain = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getPath(obj: Plain, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((acc, key) => (isPlainObject(acc) ? acc[key] : undefined), obj);
}

export function setPath(obj: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  let cursor = obj;
  for (const key of keys.slice(0, -1)) {
    if (!isPlainObject(cursor[key])) cursor[key] = {};
    cursor = cursor[key] as Plain;
  }
  cursor[keys[keys.length - 1]] = value;
}

/** Sections (plain objects) merge recursively; arrays and scalars replace. `undefined` is skipped. */
export function deepMerge<T extends Plain>(base: T, patch: Plain): T {
  const out: Plain = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] =
      isPlainObject(value) && isPlainObject(out[key])
        ? deepMerge(out[key] as Plain, value)
        : structuredClone(value);
  }
  return out as T;
}

/** Dotted paths of every leaf whose value differs between a and b. */
export function changedPaths(a: Plain, b: Plain, prefix = ''): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  const out: string[] = [];
  for (const key of keys) {
    const path = prefix ? `${prefix}.${key}` : key;
    const [va, vb] = [a[key], b[key]];
    if (isPlainObject(va) && isPlainObject(vb)) out.push(...changedPaths(va, vb, path));
    else if (JSON.stringify(va) !== JSON.stringify(vb)) out.push(path);
  }
  return out;
}
