import { type ChildProcess, spawn } from 'node:child_process';

/** A process the demo started: its recent output (for a failure report) and a way to stop it. */
export class Child {
  private readonly child: ChildProcess;
  private readonly tail: string[] = [];
  private readonly exited: Promise<number | null>;
  private listeners: ((line: string) => void)[] = [];

  constructor(
    readonly name: string,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let partial = '';
    const onData = (chunk: Buffer): void => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) {
        this.tail.push(line);
        if (this.tail.length > 40) this.tail.shift();
        for (const listener of this.listeners) listener(line);
      }
    };
    this.child.stdout?.on('data', onData);
    this.child.stderr?.on('data', onData);
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null)));
      this.child.once('error', () => resolve(-1));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Resolves with the process' exit code (-1 for a signal) whenever it ends. */
  whenExited(): Promise<number | null> {
    return this.exited;
  }

  /** The first output line `pattern` matches (its first group); rejects if the process ends first. */
  waitForLine(pattern: RegExp): Promise<string> {
    return new Promise((resolve, reject) => {
      const listener = (line: string): void => {
        const m = pattern.exec(line);
        if (!m) return;
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(m[1] ?? m[0]);
      };
      this.listeners.push(listener);
      void this.exited.then((code) =>
        reject(new Error(`${this.name} exited (${code}) before it was ready:\n${this.output()}`)),
      );
    });
  }

  output(): string {
    return this.tail.join('\n');
  }

  /** SIGTERM, then SIGKILL if it has not ended after `graceMs`; resolves once it is gone. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
