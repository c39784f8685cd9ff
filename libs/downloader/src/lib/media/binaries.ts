import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type MediaTool = 'ffmpeg' | 'ffprobe';

/**
 * Static requires on purpose: the server is bundled by webpack, which turns a `require(variable)`
 * into an empty context that never finds the package.
 */
const INSTALLER_PACKAGE: Record<MediaTool, () => { path?: string }> = {
  ffmpeg: () => require('@ffmpeg-installer/ffmpeg') as { path?: string },
  ffprobe: () => require('@ffprobe-installer/ffprobe') as { path?: string },
};

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The system binary from PATH first (distribution builds are usually newer and patched), else the
 * one shipped by the optional npm installer package; null when neither exists.
 */
export function locateMediaTool(
  tool: MediaTool,
  env: NodeJS.ProcessEnv = process.env,
): string | null {
  const names = process.platform === 'win32' ? [`${tool}.exe`] : [tool];
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  try {
    const pkg = INSTALLER_PACKAGE[tool]();
    if (pkg.path && isExecutable(pkg.path)) return pkg.path;
  } catch {
    // Optional dependency not installed.
  }
  return null;
}
