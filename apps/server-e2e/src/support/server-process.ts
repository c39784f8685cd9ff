import { runServerExpectingFailure, type ServerProcess, spawnBuiltServer } from '@aniworld/testing';

export { runServerExpectingFailure, type ServerProcess };

/** The built server on a free port; `env.DATA_DIR` reuses a data dir (a restart). */
export function startServer(env: Record<string, string> = {}): Promise<ServerProcess> {
  return spawnBuiltServer({ env });
}
