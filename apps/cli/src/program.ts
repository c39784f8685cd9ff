import { Command, Option } from 'commander';
import { registerAuthCommands } from './commands/auth';
import { registerDlCommand } from './commands/dl';
import { registerLibraryCommands } from './commands/library';
import { registerQueueCommands } from './commands/queue';
import { registerSettingsCommands } from './commands/settings';
import { DEFAULT_SERVER } from './context';

const EXIT_CODES_HELP = `
Exit codes: 0 ok, 1 usage, 2 not found, 3 auth (log in), 4 server unreachable,
5 refused by the server, 6 server error, 7 the job waited for failed, 130 interrupted.`;

/** The whole command tree (commander); actions throw, main.ts turns errors into exit codes. */
export function buildProgram(version: string): Command {
  const program = new Command('aniworld')
    .description('Aniworld from the terminal: search, add, queue and watch downloads on a server')
    .version(version)
    .addOption(
      new Option('--server <url>', 'the Aniworld server')
        .env('ANIWORLD_SERVER')
        .default(DEFAULT_SERVER),
    )
    .option('--json', 'print results as JSON (the shapes of @aniworld/contracts)')
    .addHelpText('after', EXIT_CODES_HELP)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerAuthCommands(program);
  registerLibraryCommands(program);
  registerQueueCommands(program);
  registerSettingsCommands(program);
  registerDlCommand(program);
  // Subcommands inherit the error handling, so a typo in any of them is exit 1, not a crash.
  for (const command of allCommands(program)) command.exitOverride();
  return program;
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)]);
}
