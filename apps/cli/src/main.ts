import { CommanderError } from 'commander';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describeError } from './describe-error';
import { EXIT } from './errors';
import { buildProgram } from './program';

/** `npm run cli -- …` and the `aniworld` bin. Exit codes: errors.ts (and the README). */
async function main(argv: string[]): Promise<number> {
  const program = buildProgram(version());
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError)
      // Help and version end the same way; commander already printed what went wrong.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    const failure = describeError(error);
    process.stderr.write(`error: ${failure.message}\n`);
    if (failure.hint) process.stderr.write(`fix: ${failure.hint}\n`);
    return failure.exitCode;
  }
}

function version(): string {
  try {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
      version?: string;
    };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`error: ${String(error)}\n`);
    process.exitCode = EXIT.serverError;
  },
);
