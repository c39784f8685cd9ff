import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './bootstrap';
import { JsonLogger } from './common/logging/json-logger';
import { ConfigError, loadConfig } from './config/config.loader';
import { ConfigService } from './config/config.service';

async function main(): Promise<void> {
  const loaded = await loadConfig(process.env);
  const logger = new JsonLogger(loaded.effective.logging.level);
  logger.attachFile(`${loaded.dataDir}/logs`);
  const app = await createApp(loaded, { logger });
  const { host, port } = loaded.effective.server;
  await app.listen(port, host);
  const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  new Logger('Main').log({
    msg: `Aniworld listening on http://${shown}:${port}`,
    data_dir: loaded.dataDir,
    database: app.get(ConfigService).database.type,
  });
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
