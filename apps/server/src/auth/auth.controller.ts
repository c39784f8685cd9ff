import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthStatusResponse, LoginResponse } from '@aniworld/contracts';
import { ErrorResponseDto } from '../common/dto/error-response.dto';
import { AuthService } from './auth.service';
import { type AuthenticatedRequest, CurrentSession } from './decorators/current-session.decorator';
import { Public } from './decorators/public.decorator';
import {
  AuthStatusResponseDto,
  ChangePasswordRequestDto,
  LoginRequestDto,
  LoginResponseDto,
  SetupRequestDto,
} from './dto/auth.dto';
import type { UserSessionEntity } from './entities/user-session.entity';
import { AuthRateLimited } from './rate-limit/rate-limit.guard';
import { bearerToken, type RequestMeta } from './session-token.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Get('status')
  @ApiOperation({ summary: 'Whether setup happened and whether the caller is authenticated' })
  @ApiOkResponse({ type: AuthStatusResponseDto })
  status(@Req() req: AuthenticatedRequest): Promise<AuthStatusResponse> {
    return this.auth.status(bearerToken(req.headers.authorization));
  }

  @Public()
  @AuthRateLimited()
  @Post('setup')
  @ApiOperation({
    summary:
      'First run: set the master password (once) and optionally the anime directory; logs in',
  })
  @ApiCreatedResponse({ type: LoginResponseDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'Lists every password rule that failed',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'Already configured' })
  @ApiTooManyRequestsResponse({ type: ErrorResponseDto })
  setup(@Body() body: SetupRequestDto, @Req() req: AuthenticatedRequest): Promise<LoginResponse> {
    return this.auth.setup(body, meta(req));
  }

  @Public()
  @AuthRateLimited()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange the master password for a session token' })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'Rate limit or lockout; see Retry-After',
  })
  login(@Body() body: LoginRequestDto, @Req() req: AuthenticatedRequest): Promise<LoginResponse> {
    return this.auth.login(body, meta(req));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Revoke the current session' })
  @ApiNoContentResponse()
  logout(@CurrentSession() session: UserSessionEntity): Promise<void> {
    return this.auth.logout(session);
  }

  @Post('password')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change the master password; every other session is revoked' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ type: ErrorResponseDto })
  changePassword(
    @CurrentSession() session: UserSessionEntity,
    @Body() body: ChangePasswordRequestDto,
  ): Promise<void> {
    return this.auth.changePassword(session, body);
  }
}

function meta(req: AuthenticatedRequest): RequestMeta {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}
