import {
  All,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { AnyFilesInterceptor } from '@nestjs/platform-express';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Public } from '../../auth/decorators/public.decorator';
import { QbitApiService } from './qbit-api.service';
import { QbitAuthGuard, QbitPublic } from './qbit-auth.guard';
import { QbitError } from './qbit-errors';
import { QbitExceptionFilter } from './qbit-exception.filter';

const TEXT = 'text/plain; charset=UTF-8';

/** 405 for a path this controller serves under another method, else 404. */
function unknownRoute(path: string): QbitError {
  const route = path.replace(/^\/api\/v2\//, '');
  const known = Reflect.ownKeys(QbittorrentController.prototype).some((key) => {
    const handler = (QbittorrentController.prototype as unknown as Record<PropertyKey, unknown>)[
      key
    ];
    const paths = typeof handler === 'function' ? Reflect.getMetadata('path', handler) : undefined;
    return Array.isArray(paths) ? paths.includes(route) : paths === route;
  });
  return known
    ? new QbitError(405, 'Method Not Allowed')
    : new QbitError(404, 'Endpoint does not exist');
}

/**
 * qBittorrent WebAPI v2 as Sonarr, Radarr and Prowlarr use it, at `/api/v2` (beside the app's
 * own `/api`). It is a protocol, not part of our API: out of the OpenAPI document, out of the
 * app's session guard, general rate limit and JSON errors; it has its own credentials
 * (QbitAuthGuard), login limit (QbitSessionService) and plain-text errors (QbitExceptionFilter).
 * Rules: docs/arr-qbittorrent.md.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@UseGuards(QbitAuthGuard)
@UseFilters(QbitExceptionFilter)
// Multipart bodies (Sonarr sends long magnets and .torrent files that way); a no-op otherwise.
@UseInterceptors(AnyFilesInterceptor({ limits: { fileSize: 10 * 1024 * 1024, files: 100 } }))
@Controller('v2')
export class QbittorrentController {
  constructor(private readonly api: QbitApiService) {}

  @QbitPublic()
  @Post('auth/login')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  login(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<string> {
    return this.api.login(req, res);
  }

  @Post('auth/logout')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  logout(@Req() req: Request): string {
    return this.api.logout(req);
  }

  @Get('app/webapiVersion')
  @Header('Content-Type', TEXT)
  webapiVersion(): string {
    return this.api.webapiVersion();
  }

  @Get('app/version')
  @Header('Content-Type', TEXT)
  version(): string {
    return this.api.version();
  }

  @Get('app/buildInfo')
  buildInfo(): Record<string, string | number> {
    return this.api.buildInfo();
  }

  @Get('app/preferences')
  preferences(): Record<string, string | number | boolean> {
    return this.api.preferences();
  }

  @Get('app/defaultSavePath')
  @Header('Content-Type', TEXT)
  defaultSavePath(): string {
    return this.api.defaultSavePath();
  }

  @Get('transfer/info')
  transferInfo(): Promise<Record<string, string | number>> {
    return this.api.transferInfo();
  }

  @Get('torrents/info')
  info(@Req() req: Request): Promise<Record<string, unknown>[]> {
    return this.api.info(req);
  }

  @Get('torrents/properties')
  properties(@Req() req: Request): Promise<Record<string, unknown>> {
    return this.api.properties(req);
  }

  @Get('torrents/files')
  files(@Req() req: Request): Promise<Record<string, unknown>[]> {
    return this.api.files(req);
  }

  @Get('torrents/categories')
  categories(): Promise<Record<string, unknown>> {
    return this.api.categoriesList();
  }

  @Get('torrents/tags')
  tags(): Promise<string[]> {
    return this.api.listTags();
  }

  @Post('torrents/add')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  add(@Req() req: Request): Promise<string> {
    return this.api.add(req);
  }

  @Post('torrents/delete')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  delete(@Req() req: Request): Promise<string> {
    return this.api.delete(req);
  }

  @Post(['torrents/pause', 'torrents/stop'])
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  pause(@Req() req: Request): Promise<string> {
    return this.api.hold(req, true);
  }

  @Post(['torrents/resume', 'torrents/start'])
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  resume(@Req() req: Request): Promise<string> {
    return this.api.hold(req, false);
  }

  @Post('torrents/setCategory')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  setCategory(@Req() req: Request): Promise<string> {
    return this.api.setCategory(req);
  }

  @Post('torrents/topPrio')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  topPrio(@Req() req: Request): Promise<string> {
    return this.api.topPrio(req);
  }

  @Post(['torrents/bottomPrio', 'torrents/increasePrio', 'torrents/decreasePrio'])
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  otherPrio(): string {
    return this.api.accept();
  }

  @Post('torrents/setForceStart')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  setForceStart(@Req() req: Request): Promise<string> {
    return this.api.setForceStart(req);
  }

  @Post('torrents/setShareLimits')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  setShareLimits(@Req() req: Request): string {
    return this.api.setShareLimits(req);
  }

  @Post('torrents/addTags')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  addTags(@Req() req: Request): Promise<string> {
    return this.api.tags(req, true);
  }

  @Post('torrents/removeTags')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  removeTags(@Req() req: Request): Promise<string> {
    return this.api.tags(req, false);
  }

  @Post('torrents/createCategory')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  createCategory(@Req() req: Request): Promise<string> {
    return this.api.createCategory(req);
  }

  @Post('torrents/editCategory')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  editCategory(@Req() req: Request): Promise<string> {
    return this.api.editCategory(req);
  }

  @Post('torrents/removeCategories')
  @HttpCode(200)
  @Header('Content-Type', TEXT)
  removeCategories(@Req() req: Request): Promise<string> {
    return this.api.removeCategories(req);
  }

  @Get('sync/maindata')
  maindata(): Promise<Record<string, unknown>> {
    return this.api.maindata();
  }

  /**
   * Last: anything else under /api/v2. As in qBittorrent, the session is checked first (403
   * without one); then a known path with the wrong method is 405, anything else 404.
   */
  @All('*path')
  unknown(@Req() req: Request): never {
    throw unknownRoute(req.path);
  }
}
