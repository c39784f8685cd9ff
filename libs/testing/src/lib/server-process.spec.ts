import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnBuiltServer } from './server-process';

describe('spawnBuiltServer', () => {
  it('starts the built server with the given settings, stops it with SIGTERM and cleans up', async () => {
    const server = await spawnBuiltServer({ settings: { logging: { level: 'warn' } } });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect(
      JSON.parse(readFileSync(join(server.dataDir, 'config.json'), 'utf8')).logging.level,
    ).toBe('warn');
    expect(await server.stop()).toBe(0);
    server.cleanUp();
    expect(existsSync(server.dataDir)).toBe(false);
  });
});
