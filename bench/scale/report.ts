import { cpus, loadavg } from 'node:os';
import type { LoadResult } from './load';
import type { ScanFigures } from './scan';

export interface Setup {
  label: string;
  dialect: 'sqlite' | 'postgres';
  series: number;
  /** Whether the library is also written to disk and scanned (not at 20,000: a million files). */
  scan: boolean;
}

export interface Figures {
  setup: Setup;
  seedSeconds: number;
  firstListMs: number;
  listOne: number;
  listMissingOne: number;
  /** One client, the page built anew after a write (not from the list cache). */
  listRebuiltOne: number;
  configOne: number;
  list10: LoadResult;
  health10: LoadResult;
  config10: LoadResult;
  healthUnderList: LoadResult;
  configUnderList: LoadResult;
  statusBytes: number;
  status10: LoadResult;
  itemsPage10: LoadResult;
  socketBytes: number;
  addMs: number;
  workerMs: number;
  scan: ScanFigures | null;
  /** 1-minute load average of the machine when the column started and when it ended. */
  load: [number, number];
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v.toFixed(1));
const lat = (r: LoadResult) =>
  `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms`;

export function render(results: Figures[], seconds: number): string {
  const head = `| figure | ${results.map((r) => r.setup.label).join(' | ')} | target |`;
  const rule = `|---|${results.map(() => '---|').join('')}---|`;
  const row = (name: string, cell: (f: Figures) => string, target: string) =>
    `| ${name} | ${results.map(cell).join(' | ')} | ${target} |`;
  const sqlite = results.filter((r) => r.setup.dialect === 'sqlite');
  const smallest = sqlite[0];
  const largest = sqlite[sqlite.length - 1];
  const growth =
    smallest && largest && smallest !== largest
      ? `${(largest.list10.p99 / smallest.list10.p99).toFixed(2)}× (p99, ${smallest.setup.label} → ${largest.setup.label})`
      : 'n/a';
  return [
    '# Scale benchmark',
    '',
    `Run ${new Date().toISOString()} on ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), load average`,
    `${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} at the end (the last row gives each column's load: on a shared machine`,
    'absolute figures are pessimistic and noisy; compare the columns of one run). Built server,',
    'each library seeded with 100 episodes per',
    'series (languages spread over every subset, ~70 % on disk), 10,000 finished and 710 pending',
    `queue items. Load: ${seconds} s per figure at the given connections (keep-alive, one client`,
    'process); "one client" is the median of 15 sequential requests.',
    '',
    head,
    rule,
    row('seed (multi-row INSERTs)', (f) => `${f.seedSeconds.toFixed(1)} s`, '—'),
    row(
      'first list: counts computed for every series',
      (f) => `${ms(f.firstListMs)} ms`,
      'once per preference change',
    ),
    row('`GET /api/anime`, one client', (f) => `${ms(f.listOne)} ms`, '≤ 10× `/api/config`'),
    row('`GET /api/anime?sort=missing`, one client', (f) => `${ms(f.listMissingOne)} ms`, '—'),
    row(
      '`GET /api/anime` right after a write (page built anew), one client',
      (f) => `${ms(f.listRebuiltOne)} ms`,
      '—',
    ),
    row('`GET /api/config`, one client', (f) => `${ms(f.configOne)} ms`, '—'),
    row('`GET /api/anime`, 10 connections', (f) => lat(f.list10), 'p99 < 100 ms'),
    row('`/health`, 10 connections', (f) => lat(f.health10), '—'),
    row('`/api/config`, 10 connections', (f) => lat(f.config10), '—'),
    row('`/health` while 2 clients load the list', (f) => lat(f.healthUnderList), 'p99 < 50 ms'),
    row(
      '`/api/config` while 2 clients load the list',
      (f) => lat(f.configUnderList),
      'p99 < 50 ms',
    ),
    row(
      '`GET /api/queue/status` size',
      (f) => `${(f.statusBytes / 1024).toFixed(1)} KB`,
      '< 20 KB',
    ),
    row('`GET /api/queue/status`, 10 connections', (f) => lat(f.status10), 'p99 < 50 ms'),
    row('`GET /api/queue/items` (completed, last page), 10 conn.', (f) => lat(f.itemsPage10), '—'),
    row('`queue_status` socket event', (f) => `${(f.socketBytes / 1024).toFixed(2)} KB`, '≤ 5 KB'),
    row('`POST /api/queue/add`, 500 episodes', (f) => `${ms(f.addMs)} ms`, '≤ 250 ms'),
    row('worker database work per item (median of 20)', (f) => `${ms(f.workerMs)} ms`, '≤ 10 ms'),
    row(
      'library on disk (folders / episode files)',
      (f) => (f.scan ? `${num(f.scan.folders)} / ${num(f.scan.files)}` : 'not scanned'),
      '—',
    ),
    row(
      'first scan (every folder read and written): wall, server CPU',
      (f) => scanCell(f, (s) => `${secs(s.firstMs)}, CPU ${secs(s.firstCpuMs)}`),
      '≤ 15 s at 2,000',
    ),
    row(
      'unchanged rescan: wall, server CPU',
      (f) =>
        scanCell(
          f,
          (s) => `${secs(s.rescanMs)}, CPU ${secs(s.rescanCpuMs)} (${num(s.unchanged)} unchanged)`,
        ),
      '≤ 2 s at 2,000',
    ),
    row(
      "`find -type f -printf '%s %p'` (same tree)",
      (f) => scanCell(f, (s) => `${ms(s.findMs)} ms`),
      '—',
    ),
    row(
      'unchanged rescan ÷ `find` with sizes',
      (f) => scanCell(f, (s) => `${(s.rescanMs / s.findMs).toFixed(1)}×`),
      '≤ 10×',
    ),
    row(
      'machine load (1-min average) at the start → end of the column',
      (f) => `${f.load[0].toFixed(1)} → ${f.load[1].toFixed(1)}`,
      '—',
    ),
    '',
    `Library list p99 growth with the library: ${growth} (target: within 2×).`,
    '',
    'Paged queue lists checked against the totals in every column (each item listed once, under its',
    'own status). Scans: the library is written to disk before the seed (so no folder is younger',
    'than the racy window of the fingerprints), every series is known to the database with its',
    'folder, and the scans run through the API after the other figures; the times are from the',
    'request to the `scan_complete` socket event. `find` runs over the same tree with the page',
    'cache warm, median of three.',
    '',
    'The library list under load asks for one page again and again: between writes it is served',
    'from the list cache (one read of the library version per request, docs/SCALE.md); the row',
    '"right after a write" is the cost of building a page anew.',
    '',
  ].join('\n');
}

const num = (v: number) => v.toLocaleString('en');
const secs = (v: number) => `${(v / 1000).toFixed(2)} s`;
const scanCell = (f: Figures, cell: (s: ScanFigures) => string) => (f.scan ? cell(f.scan) : '—');
