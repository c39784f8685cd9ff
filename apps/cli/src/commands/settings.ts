import type { Command } from 'commander';
import { parseValue, updateFor, valueAt } from '../config-path';
import { contextOf } from '../context';
import { usageError } from '../errors';

/** `config get [path]`, `config set <path> <value>`, `notifications`. */
export function registerSettingsCommands(program: Command): void {
  const config = program.command('config').description('read and change the server settings');

  config
    .command('get')
    .description('the settings, or one of them (e.g. downloads.concurrency)')
    .argument('[path]', 'dotted path in the configuration')
    .action(async (path: string | undefined, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const response = await ctx.client().config();
      if (!path) {
        ctx.out.result(response, () => JSON.stringify(response.config, null, 2));
        return;
      }
      const value = valueAt(response.config, path);
      ctx.out.result(value, () =>
        typeof value === 'string' ? value : JSON.stringify(value, null, 2),
      );
    });

  config
    .command('set')
    .description('change one setting (validated by the server; the old file is backed up)')
    .argument('<path>', 'dotted path, e.g. downloads.concurrency')
    .argument('<value>', 'new value: a number, true/false, null, a list (a,b or JSON) or text')
    .action(async (path: string, text: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.client();
      const current = valueAt((await client.config()).config, path);
      const response = await client.updateConfig(updateFor(path, parseValue(current, text)));
      const value = valueAt(response.config, path);
      ctx.out.result(response, () =>
        [
          `${path} = ${JSON.stringify(value)}`,
          ...(response.overridden_by_env.includes(path)
            ? [`note: an environment variable overrides ${path}; the file value applies without it`]
            : []),
          ...(response.restart_required.includes(path)
            ? ['note: takes effect after a restart of the server']
            : []),
        ].join('\n'),
      );
    });

  program
    .command('notifications')
    .description('the notifications, newest first')
    .option('--unread', 'only unread ones')
    .option('--limit <n>', 'how many (1-500)', '50')
    .action(async (options: { unread?: boolean; limit: string }, command: Command) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500)
        throw usageError(`--limit ${options.limit} is not a whole number from 1 to 500`);
      const ctx = contextOf(command);
      const list = await ctx.client().notifications(limit, Boolean(options.unread));
      ctx.out.result(list, () =>
        list.items.length
          ? [
              `${list.unread} unread`,
              ctx.out.table(
                ['WHEN', 'LEVEL', 'TITLE', 'MESSAGE'],
                list.items.map((n) => [
                  n.created_at.replace('T', ' ').slice(0, 19),
                  n.read ? n.level : ctx.out.style(n.level, 'bold'),
                  n.title,
                  n.message,
                ]),
              ),
            ].join('\n')
          : 'No notifications',
      );
    });
}
