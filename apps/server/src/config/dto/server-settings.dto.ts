import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsIn, IsInt, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import {
  LOG_LEVELS,
  type LoggingSettings,
  type LogLevel,
  type SecuritySettings,
  type ServerSettings,
} from '@aniworld/contracts';
import { Omittable, URL_OPTIONS } from './settings-validation';
import { IsTrustedProxies } from './trusted-proxies.validator';

export class ServerSettingsDto implements ServerSettings {
  @ApiProperty({ example: '0.0.0.0' })
  @Omittable()
  @IsString()
  @MinLength(1)
  host!: string;

  @ApiProperty({ example: 8000, minimum: 1, maximum: 65535 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(65535)
  port!: number;

  @ApiProperty({ type: [String], example: ['http://localhost:4200'] })
  @Omittable()
  @IsArray()
  @IsUrl(URL_OPTIONS, {
    each: true,
    message: 'each CORS origin must be an http(s) URL such as http://localhost:3000',
  })
  cors_origins!: string[];

  @ApiProperty({
    type: [String],
    example: ['loopback'],
    description:
      'Proxies whose X-Forwarded-For is believed: loopback, linklocal, uniquelocal, addresses, CIDR ranges, or one number of hops. Empty: none (applies live)',
  })
  @Omittable()
  @IsTrustedProxies()
  trusted_proxies!: string[];
}

export class LoggingSettingsDto implements LoggingSettings {
  @ApiProperty({ enum: LOG_LEVELS })
  @Omittable()
  @IsIn(LOG_LEVELS)
  level!: LogLevel;
}

export class SecuritySettingsDto implements SecuritySettings {
  @ApiProperty({ minimum: 1, maximum: 8760 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(8760)
  session_ttl_hours!: number;

  @ApiProperty({ minimum: 1, maximum: 1000 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1000)
  auth_rate_limit_per_minute!: number;

  @ApiProperty({
    minimum: 1,
    maximum: 100000,
    description:
      'Requests per minute per IP without a session, and writes per minute per session (applies live)',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100000)
  rate_limit_per_minute!: number;

  @ApiProperty({
    minimum: 1,
    maximum: 100000,
    description:
      'Reads (GET, HEAD, OPTIONS) per minute per session of a logged-in user, whatever its IP (applies live)',
  })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100000)
  session_read_limit_per_minute!: number;

  @ApiProperty({ minimum: 1, maximum: 100 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(100)
  lockout_threshold!: number;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  lockout_window_minutes!: number;

  @ApiProperty({ minimum: 1, maximum: 1440 })
  @Omittable()
  @IsInt()
  @Min(1)
  @Max(1440)
  lockout_cooldown_minutes!: number;
}
