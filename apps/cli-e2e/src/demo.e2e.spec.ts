import { freePort } from '@aniworld/testing';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { ROOT, waitUntil } from './support/cli-process';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** The web app against the demo in a real Chromium: log in with the printed password, see the library. */
async function browseLibrary(url: string): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    await page.getByTestId('login-password').fill('Demo-Passw0rd!');
    await page.getByTestId('login-submit').click();
    const grid = page.getByTestId('library-grid');
    await grid.getByText('Sternenwanderer').waitFor();
    expect(await grid.textContent()).toMatch(/Kleine Katze Kuro[\s\S]*Complete/);
  } finally {
    await browser.close();
  }
}

/** Whether any process of the group `pgid` is still alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * `npm run demo` as a user runs it in a terminal: its own process group, Ctrl-C sent to the whole
 * group. It must answer /health, print the URL and the password, and leave nothing behind.
 */
describe('npm run demo', () => {
  it('serves /health at the printed URL and stops cleanly on Ctrl-C', async () => {
    const port = await freePort();
    // The test target built server and web already (dependsOn); CI's NX_SKIP_NX_CACHE would
    // otherwise rebuild them here.
    const child = spawn('npm', ['run', '--silent', 'demo', '--', '--no-build'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const pgid = child.pid as number;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Closed once every process holding them (npm, the demo, its children) has ended.
    const streamsClosed = Promise.all(
      [child.stdout, child.stderr].map((s) => new Promise((done) => s.once('close', done))),
    );
    const exited = new Promise<string>((done) =>
      child.once('exit', (code, signal) => done(signal ?? String(code))),
    );
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const look = (): void => {
          const m = /URL:\s+(http:\/\/\S+)/.exec(stdout);
          if (m) resolve(m[1]);
        };
        child.stdout.on('data', look);
        void exited.then((code) =>
          reject(new Error(`demo exited (${code}):\n${stdout}\n${stderr}`)),
        );
      });
      expect(url).toBe(`http://localhost:${port}`);
      expect(stdout).toContain('Password:  Demo-Passw0rd!');
      const dataDir = /Data: (\S+)/.exec(stdout)?.[1] ?? '';
      expect(existsSync(dataDir)).toBe(true);

      const health = await fetch(`http://127.0.0.1:${port}/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { status: string }).status).toMatch(/healthy|degraded/);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: 'Demo-Passw0rd!' }),
      });
      expect(login.status).toBe(200);
      await browseLibrary(url);

      process.kill(-pgid, 'SIGINT');
      // npm ends as a shell shows it after Ctrl-C (by SIGINT, or 0); the demo itself exits 0
      // once its children are gone and prints so.
      expect(['0', 'SIGINT']).toContain(await exited);
      await waitUntil(
        'every process of the demo to end',
        async () => (groupAlive(pgid) ? null : true),
        30_000,
      );
      await streamsClosed;
      expect(stderr).toContain('Stopped; the temporary directory is removed.');
      expect(stderr).not.toContain('demo failed');
      await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
      expect(existsSync(dataDir)).toBe(false);
    } finally {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGKILL');
    }
  });
});
