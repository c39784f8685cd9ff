import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type MediaTool = 'ffmpeg' | 'ffprobe';

const INSTALLER_PACKAGE: Record<MediaTool, string> = {
  ffmpeg: '@ffmpeg-installer/ffmpeg',
  ffprobe: '@ffprobe-installer/ffprobe',
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
export function locateMediaTool(tool: MediaTool, env: NodeJS.ProcessEnv = process.env): string | null {
  const names = process.platform === 'win32' ? [`${tool}.exe`] : [tool];
  for (const dir of (env['PATH'] ?? '').split(delimiter).filter(Boolean)) {
    for (const name of names) {
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
  }
  try {
    const pkg = require(INSTALLER_PACKAGE[tool]) as { path?: string };
    if (pkg.path && isExecutable(pkg.path)) return pkg.path;
  } catch {
    // Optional dependency not installed.
  }
  return null;
}
