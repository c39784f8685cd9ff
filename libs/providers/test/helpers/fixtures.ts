import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export function fixture(path: string): string {
  return readFileSync(join(__dirname, '..', 'fixtures', path), 'utf8');
}
