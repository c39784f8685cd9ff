import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { Public } from '../auth/decorators/public.decorator';
import { StrmProxyService } from './strm-proxy.service';

/**
 * The URLs in `.strm` files and in the playlists they lead to (docs/strm.md), outside `/api`
 * and the session guard: media servers and players have no session, the signature is the
 * credential. Not under the web API's per-IP limit (a player fetches a segment every few
 * seconds; a media server does so for every viewer): the proxy limits requests in flight per
 * client itself. GET routes answer HEAD as well. Not in the OpenAPI document: media, not JSON.
 */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('strm')
export class StrmProxyController {
  constructor(private readonly proxy: StrmProxyService) {}

  @Get('stream')
  stream(@Req() req: Request, @Res() res: Response): Promise<void> {
    return this.proxy.stream(req, res);
  }

  @Get('proxy/:name')
  segment(@Param('name') name: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    return this.proxy.proxy(name, req, res);
  }
}
