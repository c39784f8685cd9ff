import { ensureClip, startSandbox } from '@aniworld/sandbox';
import { spawn } from 'node:child_process';
async function main(): Promise<void> {
  const clip = await ensureClip({ name: 'bench1080', durationSec: 600, heights: [1080, 720], segmentSec: 4 });
  const sb = await startSandbox({ port: 0 });
  sb.registerClip(clip);
  const cmds = JSON.parse(process.argv[2]) as string[][];
  for (const c of cmds) {
    const args = c.map((a) => a.replace('BASE', sb.baseUrl));
    const t = performance.now();
    await new Promise<void>((res) => spawn(args[0], args.slice(1), { stdio: 'inherit' }).on('close', () => res()));
    console.log(args.join(' ').slice(0, 140), ((performance.now() - t) / 1000).toFixed(2), 's');
  }
  await sb.close();
}
void main();
