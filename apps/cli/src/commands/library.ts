import {
  type AnimeDetail,
  type AnimeSummary,
  episodeCode,
  SITE_IDS,
  type SiteId,
} from '@aniworld/contracts';
import { type Command, Option } from 'commander';
import { contextOf } from '../context';
import { waitForScan } from '../live/scan-wait';
import type { Output } from '../output';

const siteOption = (what: string): Option =>
  new Option('--site <site>', what).choices([...SITE_IDS]);

/** `search`, `add`, `list`, `show`, `unmatched`, `match`, `rescan`. */
export function registerLibraryCommands(program: Command): void {
  program
    .command('search')
    .description('search the sites for a series')
    .argument('<query>', 'title (or part of it)')
    .addOption(siteOption('search one site only (default: both)'))
    .action(async (query: string, options: { site?: SiteId }, command: Command) => {
      const ctx = contextOf(command);
      const results = await ctx.client().search({ query, site: options.site });
      ctx.out.result(results, () =>
        results.length
          ? ctx.out.table(
              ['KEY', 'SITE', 'YEARS', 'IN LIBRARY', 'NAME'],
              results.map((r) => [
                r.key,
                r.site,
                r.years?.replace(/[()]/g, '') ?? '-',
                r.in_library ? 'yes' : '',
                r.name,
              ]),
            )
          : `Nothing found for "${query}"`,
      );
    });

  program
    .command('add')
    .description('add a series to the library (creates its folder)')
    .argument('<key|url>', 'the key from aniworld search, or the series URL on a site')
    .addOption(siteOption('the site of a key (default: aniworld)'))
    .option('--monitor', 'queue new episodes automatically (scheduler)')
    .action(
      async (target: string, options: { site?: SiteId; monitor?: boolean }, command: Command) => {
        const ctx = contextOf(command);
        const isUrl = /^https?:\/\//i.test(target);
        const series = await ctx.client().addSeries({
          ...(isUrl ? { link: target } : { key: target, site: options.site ?? 'aniworld' }),
          ...(options.monitor ? { monitor: true } : {}),
        });
        ctx.out.result(series, () =>
          [
            `Added ${series.name} (${series.key}, ${series.site}) in folder ${series.folder ?? '-'}`,
            `${series.total_episodes} episodes, ${series.missing_episodes} missing. Queue them with: aniworld queue add ${series.key} all-missing`,
          ].join('\n'),
        );
      },
    );

  program
    .command('list')
    .description('the series in the library')
    .option('--missing', 'only series with missing episodes')
    .action(async (options: { missing?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const series = await ctx.client().listSeries(Boolean(options.missing));
      ctx.out.result(series, () => listText(ctx.out, series, Boolean(options.missing)));
    });

  program
    .command('show')
    .description('one series: seasons, episodes, what is missing')
    .argument('<key>', 'series key (see aniworld list)')
    .action(async (key: string, _options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const series = await ctx.client().series(key);
      ctx.out.result(series, () => showText(ctx.out, series));
    });

  program
    .command('unmatched')
    .description('folders the last scan could not match with certainty, with candidates')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextOf(command);
      const folders = await ctx.client().unmatched();
      ctx.out.result(folders, () =>
        folders.length
          ? folders
              .map((f) =>
                [
                  `${ctx.out.style(f.folder, 'bold')} (${f.episode_files} episode files)`,
                  ...(f.candidates.length
                    ? f.candidates.map(
                        (c) =>
                          `  ${c.key} --site ${c.site}  ${Math.round(c.confidence * 100)}%  ${c.name}`,
                      )
                    : ['  no candidates: find the series with aniworld search']),
                ].join('\n'),
              )
              .concat('', 'Assign one with: aniworld match "<folder>" <key> --site <site>')
              .join('\n')
          : 'Every folder is matched',
      );
    });

  program
    .command('match')
    .description('assign a series to a folder the scan could not match')
    .argument('<folder>', 'the folder name (see aniworld unmatched)')
    .argument('<key>', 'the series key (a candidate, or from aniworld search)')
    .addOption(siteOption('the site of the key (default: aniworld)'))
    .action(async (folder: string, key: string, options: { site?: SiteId }, command: Command) => {
      const ctx = contextOf(command);
      const series = await ctx
        .client()
        .matchFolder({ folder, key, site: options.site ?? 'aniworld' });
      ctx.out.result(
        series,
        () => `${folder} is now ${series.name} (${series.key}): ${series.missing_episodes} missing`,
      );
    });

  program
    .command('rescan')
    .description('scan the anime directory again')
    .option('--wait', 'show the progress and return when the scan ended')
    .action(async (options: { wait?: boolean }, command: Command) => {
      const ctx = contextOf(command);
      const client = ctx.client();
      if (options.wait) {
        const status = await waitForScan(client, ctx.out);
        ctx.out.result(
          status,
          () =>
            `Scan ${status.state}: ${status.folders_done}/${status.folders_total} folders, ${status.series_matched} series matched, ${status.unmatched} unmatched`,
        );
        return;
      }
      const started = await client.rescan();
      ctx.out.result(
        started,
        () =>
          `Scan ${started.scan_id} started; follow it with aniworld rescan --wait or see aniworld list`,
      );
    });
}

function listText(out: Output, series: AnimeSummary[], missingOnly: boolean): string {
  if (!series.length)
    return missingOnly
      ? 'Nothing is missing'
      : 'The library is empty (aniworld search, aniworld add)';
  return out.table(
    ['KEY', 'SITE', 'EPISODES', 'MISSING', 'NAME'],
    series.map((s) => [
      s.key,
      s.site,
      `${s.downloaded_episodes}/${s.total_episodes}`,
      s.missing_episodes ? out.style(String(s.missing_episodes), 'yellow') : '0',
      s.year ? `${s.name} (${s.year})` : s.name,
    ]),
  );
}

function showText(out: Output, series: AnimeDetail): string {
  const lines = [
    out.style(series.year ? `${series.name} (${series.year})` : series.name, 'bold'),
    `key ${series.key} · site ${series.site} · folder ${series.folder ?? '-'}`,
    `${series.downloaded_episodes}/${series.total_episodes} episodes on disk, ${series.missing_episodes} missing`,
  ];
  for (const season of series.seasons) {
    lines.push('', out.style(season.season === 0 ? 'Specials' : `Season ${season.season}`, 'bold'));
    for (const e of season.episodes) {
      const state = e.is_downloaded
        ? out.style('on disk', 'green')
        : e.queued
          ? out.style('queued ', 'cyan')
          : e.strm_path
            ? out.style('streams', 'cyan')
            : out.style('missing', 'yellow');
      const title = e.title_de || e.title_en || '';
      lines.push(
        `  ${episodeCode(e.season, e.episode)}  ${state}  ${title}${
          e.languages.length ? `  [${e.languages.join(', ')}]` : ''
        }`,
      );
    }
  }
  return lines.join('\n');
}
