import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configDir, SessionStore } from './session-store';

describe('SessionStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'aniworld-cli-session-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in $XDG_CONFIG_HOME/aniworld, else ~/.config/aniworld', () => {
    expect(configDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/aniworld');
    expect(configDir({ HOME: '/home/u' })).toBe('/home/u/.config/aniworld');
  });

  it('keeps one session per server in a file only the user can read', () => {
    const store = new SessionStore(join(dir, 'aniworld'));
    const old = process.umask(0o022);
    try {
      store.set('http://a:8000', { access_token: 't1', expires_at: '2026-01-01T00:00:00.000Z' });
      store.set('http://b:8000', { access_token: 't2', expires_at: '2026-01-01T00:00:00.000Z' });
    } finally {
      process.umask(old);
    }
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(store.dir).mode & 0o777).toBe(0o700);
    expect(new SessionStore(store.dir).get('http://a:8000')?.access_token).toBe('t1');
    expect(store.delete('http://a:8000')).toBe(true);
    expect(store.delete('http://a:8000')).toBe(false);
    expect(store.get('http://a:8000')).toBeNull();
    expect(store.get('http://b:8000')?.access_token).toBe('t2');
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({
      sessions: { 'http://b:8000': { access_token: 't2', expires_at: '2026-01-01T00:00:00.000Z' } },
    });
  });

  it('treats a damaged file as no session instead of failing', () => {
    const store = new SessionStore(dir);
    writeFileSync(store.path, '{not json');
    expect(store.get('http://a:8000')).toBeNull();
    store.set('http://a:8000', { access_token: 't', expires_at: 'x' });
    expect(store.get('http://a:8000')?.access_token).toBe('t');
  });
});
