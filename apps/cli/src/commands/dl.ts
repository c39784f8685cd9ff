import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { Command } from 'commander';

const ROOT = resolve(__dirname, '../../../..');

/**
 * `dl`: the download engine's own command line (`npm run dl`, libs/downloader/src/cli.ts), run
 * as it is with the arguments passed through untouched, so both keep one set of options, one
 * usage text and one set of exit codes (see libs/downloader/README.md).
 */
export function registerDlCommand(program: Command): void {
  program
    .command('dl')
    .description('download one MP4 or HLS URL with the engine (npm run dl; see dl --help)')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[args...]', 'the arguments of npm run dl')
    .action(
      (args: string[]) =>
        new Promise<void>((done, fail) => {
          const child = spawn(
            process.execPath,
            [
              '-r',
              resolve(ROOT, 'tools/ts-register.js'),
              resolve(ROOT, 'libs/downloader/src/cli.ts'),
              ...args,
            ],
            { stdio: 'inherit' },
          );
          // The engine handles Ctrl-C itself (it keeps the partial file); this process waits.
          const ignore = (): void => undefined;
          process.on('SIGINT', ignore);
          child.once('error', fail);
          child.once('exit', (code, signal) => {
            process.removeListener('SIGINT', ignore);
            process.exitCode = code ?? (signal ? 128 + 2 : 1);
            done();
          });
        }),
    );
}
