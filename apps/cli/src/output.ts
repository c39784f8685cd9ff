import { inspect, stripVTControlCharacters } from 'node:util';

type Style = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';

/**
 * Where results go. Data goes to stdout (JSON with `--json`, else text for people), messages and
 * errors to stderr. Colours and progress bars only when stdout is a terminal and `NO_COLOR` is
 * unset, so a pipe or a log file gets plain lines.
 */
export class Output {
  readonly tty: boolean;
  readonly color: boolean;

  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WriteStream = process.stdout,
    private readonly stderr: NodeJS.WriteStream = process.stderr,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    this.tty = Boolean(stdout.isTTY);
    this.color = this.tty && !env['NO_COLOR'];
  }

  /** A command's result: the contracts shape as JSON, or the text for people. */
  result(data: unknown, text: () => string): void {
    this.stdout.write(this.json ? `${JSON.stringify(data, null, 2)}\n` : ensureNewline(text()));
  }

  /** One JSON document per line (`--watch --json`). */
  jsonLine(data: unknown): void {
    this.stdout.write(`${JSON.stringify(data)}\n`);
  }

  line(text: string): void {
    this.stdout.write(ensureNewline(text));
  }

  /** A message about what happened, never data: stderr, so `--json` output stays parseable. */
  note(text: string): void {
    this.stderr.write(ensureNewline(text));
  }

  style(text: string, style: Style): string {
    // Node's own ANSI table; styleText would decide on its own from process.stdout.
    const [open, close] = inspect.colors[style] ?? [0, 0];
    return this.color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
  }

  /** Columns padded to their widest cell (plain text; no terminal control). */
  table(header: string[], rows: string[][]): string {
    // Widths of what is visible: colour codes take no room on the screen.
    const width = (cell: string): number => stripVTControlCharacters(cell).length;
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => width(r[i] ?? ''))));
    const format = (cells: string[]): string =>
      cells
        .map((cell, i) =>
          i === cells.length - 1 ? cell : cell + ' '.repeat(Math.max(0, widths[i] - width(cell))),
        )
        .join('  ')
        .trimEnd();
    return [this.style(format(header), 'bold'), ...rows.map(format)].join('\n');
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') || text === '' ? text : `${text}\n`;
}
