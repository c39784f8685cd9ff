import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type {
  AnimeDetail,
  AnimeSearchResult,
  RescanResponse,
  ScanStatus,
  UnmatchedFolder,
} from '@aniworld/contracts';
import { ClientSignal } from '../common/http/client-signal';
import { sendJson } from '../common/http/conditional';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { AnimeLibraryService } from './anime-library.service';
import { AnimeQueryService } from './anime-query.service';
import {
  AnimeAddRequestDto,
  AnimeDetailDto,
  AnimeIdParamDto,
  AnimeKeyParamDto,
  AnimeListQueryDto,
  AnimePageDto,
  AnimeSearchRequestDto,
  AnimeSearchResultDto,
  AnimeUpdateRequestDto,
  DeleteAnimeQueryDto,
  IgnoreFolderRequestDto,
  MatchFolderRequestDto,
  RescanResponseDto,
  ScanStatusDto,
  UnmatchedFolderDto,
} from './dto/anime.dto';
import { LibraryScanService } from './library/library-scan.service';
import { UnmatchedFoldersService } from './library/unmatched-folders.service';

@ApiTags('anime')
@ApiBearerAuth()
@Controller('anime')
export class AnimeController {
  constructor(
    private readonly query: AnimeQueryService,
    private readonly library: AnimeLibraryService,
    private readonly scans: LibraryScanService,
    private readonly unmatchedFolders: UnmatchedFoldersService,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'Series in the library (by default those with missing episodes); paginated, filtered, sorted',
  })
  @ApiOkResponse({ type: AnimePageDto, description: 'With an ETag' })
  @ApiResponse({ status: 304, description: 'Not modified: If-None-Match names the current ETag' })
  async list(
    @Query() query: AnimeListQueryDto,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    sendJson(req, res, await this.query.list(query));
  }

  @Get('scan')
  @ApiOperation({ summary: 'The running or last library scan (empty body before the first scan)' })
  @ApiOkResponse({ type: ScanStatusDto })
  scan(): Promise<ScanStatus | null> {
    return this.scans.status();
  }

  @Post('scan/cancel')
  @HttpCode(204)
  @ApiOperation({ summary: 'Cancel the running scan' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  cancelScan(): Promise<void> {
    return this.scans.cancel();
  }

  @Post('rescan')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Scan the anime directory in the background; progress on the scan_progress socket room',
  })
  @ApiAcceptedResponse({ type: RescanResponseDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'A scan is already running' })
  rescan(): RescanResponse {
    return this.scans.start();
  }

  @Get('unmatched')
  @ApiOperation({
    summary: 'Folders the last scan could not match with certainty, with candidates',
  })
  @ApiOkResponse({ type: [UnmatchedFolderDto] })
  unmatched(): Promise<UnmatchedFolder[]> {
    return this.unmatchedFolders.list();
  }

  @Post('unmatched/ignore')
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Ignore an unmatched folder: scans no longer match or list it (ignored: false lists it again from the next scan)',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'Not an unmatched folder' })
  ignore(@Body() body: IgnoreFolderRequestDto): Promise<void> {
    return this.unmatchedFolders.ignore(body.folder, body.ignored ?? true);
  }

  @Post('unmatched/match')
  @ApiOperation({ summary: 'Assign a series to an unmatched folder' })
  @ApiCreatedResponse({ type: AnimeDetailDto })
  async match(@Body() body: MatchFolderRequestDto): Promise<AnimeDetail> {
    return this.query.detail((await this.scans.matchFolder(body.folder, body.site, body.key)).key);
  }

  @Post('search')
  @HttpCode(200)
  @ApiOperation({ summary: 'Search the sites (both unless one is named)' })
  @ApiOkResponse({ type: [AnimeSearchResultDto] })
  search(
    @Body() body: AnimeSearchRequestDto,
    @ClientSignal() signal: AbortSignal,
  ): Promise<AnimeSearchResult[]> {
    return this.library.search(body, signal);
  }

  @Post('add')
  @ApiOperation({ summary: 'Add a series by its URL, or by key and site; creates its folder' })
  @ApiCreatedResponse({ type: AnimeDetailDto })
  add(@Body() body: AnimeAddRequestDto): Promise<AnimeDetail> {
    return this.library.add(body);
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One series with every episode, by key or (for older clients) by folder',
  })
  @ApiOkResponse({ type: AnimeDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  detail(@Param() { id }: AnimeIdParamDto): Promise<AnimeDetail> {
    return this.query.detail(id);
  }

  @Patch(':key')
  @ApiOperation({
    summary: "Set the series' language preference (null or [] = the global one) or monitoring",
  })
  @ApiOkResponse({ type: AnimeDetailDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  update(
    @Param() { key }: AnimeKeyParamDto,
    @Body() body: AnimeUpdateRequestDto,
  ): Promise<AnimeDetail> {
    return this.library.update(key, body);
  }

  @Delete(':key')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a series from the library; files stay unless delete_files=true',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  remove(
    @Param() { key }: AnimeKeyParamDto,
    @Query() { delete_files }: DeleteAnimeQueryDto,
  ): Promise<void> {
    return this.library.remove(key, delete_files ?? false);
  }
}
