import { runServerExpectingFailure, type ServerProcess, spawnBuiltServer } from '@aniworld/testing';

export { runServerExpectingFailure, type ServerProcess };

/** The built server on a free port; `env.DATA_DIR` reuses a data dir (a restart). */
export function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  return spawnBuiltServer({ env });
}

/** First-run setup of a fresh server; returns the owner's access token. */
export async function setUpOwner(server: ServerProcess, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (res.status !== 201) throw new Error(`setup answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
