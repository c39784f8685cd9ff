import { type INestApplicationContext, RequestMethod } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import type { Server as HttpServer } from 'node:http';
import helmet from 'helmet';
import { AppModule, type AppModuleOptions } from './app.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { JsonLogger } from './common/logging/json-logger';
import { compileTrustedProxies, type TrustProxy } from './common/trusted-proxies';
import { requestLogging } from './common/logging/request-logging.middleware';
import { jsonCompression } from './common/http/compression';
import { AUTH_BODY_LIMIT, BODY_LIMIT, bodyShapeGuard } from './common/validation/body-shape';
import { createValidationPipe } from './common/validation/validation';
import type { LoadedConfig } from './config/config.loader';
import { DomainEvents } from './common/events';
import { ConfigService } from './config/config.service';
import { mountOpenApi } from './openapi/openapi';
import { defaultWebDistDir, webAppMiddleware } from './web/web-app.middleware';

export interface CreateAppOptions extends AppModuleOptions {
  logger?: JsonLogger;
  /** Directory of the built web app; defaults to dist/apps/web/browser beside the server bundle. */
  webDistDir?: string;
}

/** Routes outside the /api prefix. */
const UNPREFIXED = [
  { path: 'health', method: RequestMethod.GET },
  { path: 'health/ready', method: RequestMethod.GET },
  { path: 'health/detailed', method: RequestMethod.GET },
  // Torznab clients are configured with the server root; docs/arr-torznab.md.
  { path: 'torznab/api', method: RequestMethod.GET },
  { path: 'torznab/dl/:file', method: RequestMethod.GET },
  { path: 'torznab/announce', method: RequestMethod.GET },
  // Media servers play the URLs of .strm files as they were written; docs/strm.md.
  { path: 'strm/stream', method: RequestMethod.GET },
  { path: 'strm/proxy/:name', method: RequestMethod.GET },
];

/**
 * Builds the fully configured application without listening, so main.ts and the end-to-end
 * tests run exactly the same set-up.
 */
export async function createApp(
  loaded: LoadedConfig,
  options: CreateAppOptions = {},
): Promise<NestExpressApplication> {
  const logger = options.logger ?? new JsonLogger(loaded.effective.logging.level);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(loaded, {
      clock: options.clock,
      fanoutChannel: options.fanoutChannel,
      rateLimitPrefix: options.rateLimitPrefix,
      recentLogs: logger.recent,
    }),
    {
      logger,
      bodyParser: false,
      abortOnError: false,
    },
  );
  const settings = app.get(ConfigService);

  // Idle keep-alive connections live longer than a reverse proxy's or a client's own idle timeout
  // (nginx and most clients: up to 60 s), so the client, not the server, closes them: otherwise a
  // request sent on a connection the server closes at that moment fails with "other side closed".
  const http = app.getHttpServer() as HttpServer;
  http.keepAliveTimeout = 65_000;
  http.headersTimeout = 66_000;

  // Read per request through the config service, so a changed setting applies at once.
  app.set('trust proxy', liveTrustedProxies(app, settings));
  app.disable('x-powered-by');
  app.use(requestLogging());
  // API answers above 1 KB go out brotli- or gzip-compressed; streams are never touched.
  app.use(jsonCompression());
  app.use(
    helmet({
      // Swagger UI and Angular Material need inline styles; scripts stay same-origin only.
      contentSecurityPolicy: {
        directives: {
          'img-src': ["'self'", 'data:', 'https:', 'http:'],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.enableCors({
    // Same-origin and non-browser requests send no Origin and need no CORS headers.
    origin: (origin, allow) =>
      allow(null, origin !== undefined && settings.config.server.cors_origins.includes(origin)),
    credentials: true,
  });
  // Login and setup are public: a few KB (a parser that has run leaves the others a parsed body).
  app.use('/api/auth', json({ limit: AUTH_BODY_LIMIT }));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(bodyShapeGuard());
  app.setGlobalPrefix('api', { exclude: UNPREFIXED });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  for (const handler of webAppMiddleware(options.webDistDir ?? defaultWebDistDir()))
    app.use(handler);
  followLogLevel(app, logger);
  mountOpenApi(app);
  return app;
}

/** The `trust proxy` function of the current `server.trusted_proxies`, recompiled on change. */
function liveTrustedProxies(app: INestApplicationContext, settings: ConfigService): TrustProxy {
  let trust = compileTrustedProxies(settings.config.server.trusted_proxies);
  app.get(DomainEvents).on('config.changed', (event) => {
    trust = compileTrustedProxies(event.config.server.trusted_proxies);
  });
  return (address, hop) => trust(address, hop);
}

function followLogLevel(app: INestApplicationContext, logger: JsonLogger): void {
  app
    .get(DomainEvents)
    .on('config.changed', (event) => logger.setLevel(event.config.logging.level));
}
