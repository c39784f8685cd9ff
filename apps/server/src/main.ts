import 'reflect-metadata';
import { type INestApplication, Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { JsonLogger } from './common/logging/json-logger';
import { ConfigError, loadConfig } from './config/config.loader';
import { ConfigService } from './config/config.service';

const SHUTDOWN_TIMEOUT_MS = 30_000;

async function main(): Promise<void> {
  const loaded = await loadConfig(process.env);
  const logger = new JsonLogger(loaded.effective.logging.level);
  logger.attachFile(`${loaded.dataDir}/logs`);
  const app = await createApp(loaded, { logger });
  handleSignals(app, logger);
  const { host, port } = loaded.effective.server;
  await app.listen(port, host);
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  new Logger('Main').log({
    msg: `Aniworld listening on http://${shown}:${port}`,
    data_dir: loaded.dataDir,
    database: app.get(ConfigService).database.type,
  });
}

/** Stops accepting, lets the modules finish or checkpoint their work, closes the database, exits 0. */
function handleSignals(app: INestApplication, logger: JsonLogger): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      process.stderr.write(`${signal} again: exiting immediately\n`);
      process.exit(1);
    }
    stopping = true;
    new Logger('Main').log({ msg: 'shutting down', signal });
    const watchdog = setTimeout(() => {
      process.stderr.write('shutdown took longer than 30 s: exiting\n');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    watchdog.unref();
    app
      .close()
      .then(() => logger.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          process.stderr.write(`shutdown failed: ${String(error)}\n`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Aniworld failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
