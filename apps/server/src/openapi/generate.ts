import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../bootstrap';
import { JsonLogger } from '../common/logging/json-logger';
import { loadConfig } from '../config/config.loader';
import { buildOpenApiDocument, stableStringify } from './openapi';

/** Where the committed specification lives. */
export const OPENAPI_FILE = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'libs',
  'contracts',
  'openapi.json',
);

/** Boots the real application on a throw-away data dir and returns its OpenAPI document as stable JSON. */
export async function generateOpenApi(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'aniworld-openapi-'));
  try {
    const loaded = await loadConfig({ DATA_DIR: dataDir });
    const app = await createApp(loaded, {
      logger: new JsonLogger('error', [{ write: () => undefined }]),
    });
    try {
      await app.init();
      return stableStringify(buildOpenApiDocument(app));
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
