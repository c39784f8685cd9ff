import password from '@inquirer/password';
import type { Command } from 'commander';
import { ApiClient } from '../api/api-client';
import { contextOf } from '../context';
import { usageError } from '../errors';

/** `login` (prompt or --password-stdin) and `logout`. */
export function registerAuthCommands(program: Command): void {
  program
    .command('login')
    .description('log in with the master password and keep the session for later commands')
    .option('--password-stdin', 'read the password from stdin (for scripts) instead of prompting')
    .action(async (options: { passwordStdin?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const secret = options.passwordStdin ? await readStdin() : await prompt();
      if (!secret) throw usageError('the password is empty');
      const session = await ctx.anonymous().login(secret);
      await revokeQuietly(ctx.server, ctx.store.get(ctx.server)?.access_token);
      ctx.store.set(ctx.server, {
        access_token: session.access_token,
        expires_at: session.expires_at,
      });
      ctx.out.result(
        { server: ctx.server, expires_at: session.expires_at },
        () =>
          `Logged in to ${ctx.server} until ${session.expires_at} (session in ${ctx.store.path})`,
      );
    });

  program
    .command('logout')
    .description('end the session on the server and forget it here')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const stored = ctx.store.get(ctx.server);
      if (stored) {
        try {
          await ctx.client().logout();
        } finally {
          // Forgotten even when the server is gone: the user asked for it not to be kept.
          ctx.store.delete(ctx.server);
        }
      }
      ctx.out.result({ server: ctx.server, logged_out: Boolean(stored) }, () =>
        stored ? `Logged out of ${ctx.server}` : `Not logged in to ${ctx.server}; nothing to do`,
      );
    });
}

/** A session replaced by a new login ends on the server too; it may have expired already. */
async function revokeQuietly(server: string, token: string | undefined): Promise<void> {
  if (!token) return;
  try {
    await new ApiClient(server, token).logout();
  } catch {
    // Expired, revoked or unreachable: nothing more to end.
  }
}

async function prompt(): Promise<string> {
  if (!process.stdin.isTTY)
    throw usageError(
      'no terminal to ask for the password',
      'pipe it in with --password-stdin (e.g. aniworld login --password-stdin < file)',
    );
  return password({ message: 'Master password', mask: '*' }, { output: process.stderr });
}

/** The first line of stdin, without its line break (a trailing newline is not part of it). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0];
}
