#!/usr/bin/env node
/**
 * The npm registry mirror this project is built against lacks some platform-specific optional
 * packages (e.g. @swc/core-darwin-arm64). `npm install` skips them and leaves them out of
 * package-lock.json, after which `npm ci` refuses the lock ("Missing: … from lock file").
 *
 * This adds a lock entry for every optional dependency that has none, with the os/cpu/libc read
 * from its name, so npm ci sees it, finds it is for another platform and skips it without
 * fetching. Run it after any `npm install` that changes the lock: `node tools/complete-lockfile.mjs`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const OSES = [
  'darwin',
  'linux',
  'win32',
  'android',
  'freebsd',
  'openbsd',
  'openharmony',
  'netbsd',
  'sunos',
  'aix',
];
const CPUS = ['arm64', 'x64', 'ia32', 'ppc64', 's390x', 'riscv64', 'loong64', 'arm', 'mips64el'];

function platformOf(name) {
  const base = name.split('/').pop();
  const parts = base.split('-');
  if (parts.includes('unknown')) {
    // sass-embedded's catch-alls for an unknown os ("unknown-all") or cpu ("all-unknown").
    return base.endsWith('-unknown')
      ? { cpu: CPUS.map((c) => `!${c}`) }
      : { os: OSES.map((o) => `!${o}`) };
  }
  const os = OSES.find((o) => parts.includes(o));
  const cpu =
    parts.includes('eabi') || parts.includes('gnueabihf') || parts.includes('musleabihf')
      ? 'arm'
      : CPUS.find((c) => parts.includes(c));
  const libc = base.includes('musl')
    ? 'musl'
    : os === 'linux' && /gnu/.test(base)
      ? 'glibc'
      : undefined;
  if (!os || !cpu) return null;
  return { os: [os], cpu: [cpu], ...(libc ? { libc: [libc] } : {}) };
}

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(file, 'utf8'));
const packages = lock.packages;
const added = [];
for (const [path, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = path ? `${path}/node_modules/${dep}` : `node_modules/${dep}`;
    if (packages[base] || packages[`node_modules/${dep}`]) continue;
    const platform = platformOf(dep);
    if (!platform) {
      console.warn(`cannot tell the platform of ${dep}; left alone`);
      continue;
    }
    packages[`node_modules/${dep}`] = { version, optional: true, ...platform };
    added.push(`${dep}@${version}`);
  }
}
lock.packages = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  added.length
    ? `added ${added.length} platform entries:\n  ${added.join('\n  ')}`
    : 'lock file complete',
);
