import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface StoredSession {
  access_token: string;
  expires_at: string;
}

interface SessionFile {
  /** One session per server origin, so one user can talk to several instances. */
  sessions: Record<string, StoredSession>;
}

/** `$XDG_CONFIG_HOME/aniworld` (default `~/.config/aniworld`), as the XDG base directory spec says. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_CONFIG_HOME'] || join(env['HOME'] || homedir(), '.config');
  return join(base, 'aniworld');
}

/**
 * The session tokens of `aniworld login`, in `session.json` readable by the user only (0600, the
 * directory 0700): a token is as good as the password until it expires. Written to a temporary
 * file and renamed, so an interrupted write never leaves half a file.
 */
export class SessionStore {
  readonly path: string;

  constructor(readonly dir: string = configDir()) {
    this.path = join(dir, 'session.json');
  }

  get(server: string): StoredSession | null {
    return this.read().sessions[server] ?? null;
  }

  set(server: string, session: StoredSession): void {
    const file = this.read();
    file.sessions[server] = session;
    this.write(file);
  }

  /** Whether there was a session to forget. */
  delete(server: string): boolean {
    const file = this.read();
    if (!file.sessions[server]) return false;
    delete file.sessions[server];
    this.write(file);
    return true;
  }

  private read(): SessionFile {
    let text: string;
    try {
      text = readFileSync(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { sessions: {} };
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as Partial<SessionFile>;
      return { sessions: { ...(parsed.sessions ?? {}) } };
    } catch {
      // A damaged file holds nothing usable; the next login writes a good one.
      return { sessions: {} };
    }
  }

  private write(file: SessionFile): void {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
    // The mode of writeFileSync is filtered by the umask; make it exact.
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}
