import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contextOf, normalizeServer } from './context';
import { CliError, EXIT } from './errors';
import { SessionStore } from './session-store';

describe('context', () => {
  let dir: string;
  const saved = process.env['XDG_CONFIG_HOME'];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aniworld-cli-context-'));
    process.env['XDG_CONFIG_HOME'] = dir;
  });
  afterEach(() => {
    process.env['XDG_CONFIG_HOME'] = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  const command = (server: string): Command =>
    new Command()
      .option('--server <url>')
      .option('--json')
      .parse(['--server', server], { from: 'user' });

  it('normalizes the server URL, the key of its session', () => {
    expect(normalizeServer('http://localhost:8000/')).toBe('http://localhost:8000');
    expect(normalizeServer('https://nas.local/aniworld/')).toBe('https://nas.local/aniworld');
    expect(() => normalizeServer('ftp://x')).toThrow(CliError);
  });

  it('refuses a session that is known to have expired, without asking the server', () => {
    new SessionStore(join(dir, 'aniworld')).set('http://a:1', {
      access_token: 't',
      expires_at: '2000-01-01T00:00:00.000Z',
    });
    let code: number | undefined;
    try {
      contextOf(command('http://a:1')).client();
    } catch (error) {
      code = (error as CliError).exitCode;
    }
    expect(code).toBe(EXIT.auth);
  });

  it('uses a live session', () => {
    new SessionStore(join(dir, 'aniworld')).set('http://a:1', {
      access_token: 't',
      expires_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(contextOf(command('http://a:1/')).client().server).toBe('http://a:1');
  });
});
