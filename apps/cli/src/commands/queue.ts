import {
  episodeCode,
  LANGUAGE_CODES,
  type LanguageCode,
  QUEUE_PRIORITIES,
  type QueueItem,
  type QueuePriority,
  type QueueSnapshot,
} from '@aniworld/contracts';
import { type Command, Option } from 'commander';
import type { QueueControl } from '../api/api-client';
import { contextOf } from '../context';
import { EPISODE_SPEC_HELP, parseEpisodeSpec, selectEpisodes } from '../episode-spec';
import { formatEta, formatPercent, formatSpeed, itemLabel } from '../format';
import { queueSummary } from '../live/queue-summary';
import { watchQueue } from '../live/queue-watch';
import type { Output } from '../output';

const CONTROLS: Record<QueueControl, string> = {
  start: 'run the queue (also clears a pause)',
  stop: 'stop: active downloads are suspended (partial files kept) until start',
  pause: 'pause: nothing new starts, active downloads wait until resume',
  resume: 'resume after a pause',
};

/** `queue add|status|pause|resume|start|stop|retry|remove|clear-completed`. */
export function registerQueueCommands(program: Command): void {
  const queue = program.command('queue').description('the download queue');

  queue
    .command('add')
    .description('queue episodes of a series in the library')
    .argument('<key>', 'series key (see aniworld list)')
    .argument('<episodes>', EPISODE_SPEC_HELP)
    .addOption(
      new Option('--language <language>', 'language to download (default: the preference)').choices(
        [...LANGUAGE_CODES],
      ),
    )
    .addOption(new Option('--priority <priority>', 'place in line').choices([...QUEUE_PRIORITIES]))
    .action(
      async (
        key: string,
        episodesSpec: string,
        options: { language?: LanguageCode; priority?: QueuePriority },
        command: Command,
      ) => {
        const spec = parseEpisodeSpec(episodesSpec);
        const ctx = contextOf(command);
        const client = ctx.client();
        const series = await client.series(key);
        const episodes = selectEpisodes(spec, series);
        if (!episodes.length) {
          ctx.out.result(
            { added: [], skipped: [] },
            () => `Nothing to queue: ${series.key} ${episodesSpec} is on disk`,
          );
          return;
        }
        const result = await client.queueAdd({
          serie_id: series.key,
          serie_folder: series.folder ?? undefined,
          serie_name: series.name,
          episodes,
          priority: options.priority,
          language: options.language,
        });
        ctx.out.result(result, () =>
          [
            `Queued ${result.added.length} episode(s): ${result.added.map(itemLabel).join(', ') || '-'}`,
            ...result.skipped.map(
              (s) => `skipped ${series.key} ${episodeCode(s.season, s.episode)}: ${s.reason}`,
            ),
          ].join('\n'),
        );
      },
    );

  queue
    .command('status')
    .description('the queue: state, active, pending, failed and completed items')
    .option('--watch', 'follow it live (progress bars on a terminal) until Ctrl-C')
    .action(async (options: { watch?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.client();
      if (options.watch) return watchQueue(client, ctx.out);
      const status = await client.queueSnapshot();
      ctx.out.result(status, () => statusText(ctx.out, status));
    });

  for (const action of Object.keys(CONTROLS) as QueueControl[]) {
    queue
      .command(action)
      .description(CONTROLS[action])
      .action(async (_options: unknown, command: Command) => {
        const ctx = contextOf(command);
        const status = await ctx.client().queueControl(action);
        ctx.out.result(status, () => queueSummary(status));
      });
  }

  queue
    .command('retry')
    .description('put failed items back in line (none named: every failed item)')
    .argument('[ids...]', 'queue item ids (see queue status --json)')
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const status = await ctx.client().queueRetry(ids);
      ctx.out.result(status, () => queueSummary(status));
    });

  queue
    .command('remove')
    .description('remove items; an active download is cancelled and its partial file deleted')
    .argument('<ids...>', 'queue item ids (see queue status --json)')
    .action(async (ids: string[], _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      await ctx.client().queueRemove(ids);
      ctx.out.result({ removed: ids.length }, () => `Removed ${ids.length} item(s)`);
    });

  queue
    .command('clear-completed')
    .description('remove every completed item from the list')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const removed = await ctx.client().queueClearCompleted();
      ctx.out.result({ removed }, () =>
        removed === null ? 'Completed items removed' : `Removed ${removed} completed item(s)`,
      );
    });
}

function statusText(out: Output, status: QueueSnapshot): string {
  const sections = [queueSummary(status)];
  const add = (
    title: string,
    items: QueueItem[],
    row: (i: QueueItem) => string[],
    header: string[],
  ): void => {
    if (items.length)
      sections.push('', out.style(title, 'bold'), out.table(header, items.map(row)));
  };
  add(
    'Active',
    status.active_downloads,
    (i) => [
      itemLabel(i),
      formatPercent(i.progress?.percent),
      formatSpeed(i.progress?.speed_mbps),
      formatEta(i.progress?.eta_seconds),
      i.hoster ?? '-',
      i.id,
    ],
    ['EPISODE', 'DONE', 'SPEED', 'ETA', 'HOSTER', 'ID'],
  );
  add(
    'Pending',
    status.pending_queue,
    (i) => [
      itemLabel(i),
      i.priority,
      i.next_attempt_at ? `retry at ${i.next_attempt_at}` : '',
      i.id,
    ],
    ['EPISODE', 'PRIORITY', 'NOTE', 'ID'],
  );
  add(
    'Failed',
    status.failed_downloads,
    (i) => [itemLabel(i), String(i.attempts), i.error ?? '-', i.id],
    ['EPISODE', 'ATTEMPTS', 'ERROR', 'ID'],
  );
  add(
    'Completed',
    status.completed_downloads,
    (i) => [itemLabel(i), i.completed_at ?? '-', i.file_path ?? '-'],
    ['EPISODE', 'AT', 'FILE'],
  );
  if (!status.stats.total_items)
    sections.push('', 'The queue is empty (aniworld queue add <key> <episodes>)');
  return sections.join('\n');
}
