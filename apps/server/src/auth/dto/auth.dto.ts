import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import type {
  AuthStatusResponse,
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  SetupRequest,
} from '@aniworld/contracts';

/** Length caps keep argon2 from hashing megabytes; the policy itself is checked by the service. */
export class SetupRequestDto implements SetupRequest {
  @ApiProperty({
    example: 'Corr3ct-horse!',
    description: '≥ 8 characters with upper and lower case, a digit and a special character',
  })
  @IsString()
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({ example: '/anime' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1024)
  anime_directory?: string;

  @ApiPropertyOptional({
    default: false,
    description:
      'Create anime_directory when it does not exist; without it a missing directory is refused (400 with similar existing folders as suggestions)',
  })
  @IsOptional()
  @IsBoolean()
  create_directory?: boolean;
}

export class LoginRequestDto implements LoginRequest {
  @ApiProperty({ example: 'Corr3ct-horse!' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class ChangePasswordRequestDto implements ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  old_password!: string;

  @ApiProperty()
  @IsString()
  @MaxLength(256)
  new_password!: string;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty()
  access_token!: string;

  @ApiProperty({ enum: ['bearer'] })
  token_type!: 'bearer';

  @ApiProperty({ example: '2026-11-22T05:48:00.000Z' })
  expires_at!: string;
}

export class AuthStatusResponseDto implements AuthStatusResponse {
  @ApiProperty()
  configured!: boolean;

  @ApiProperty()
  authenticated!: boolean;

  @ApiPropertyOptional()
  expires_at?: string;

  @ApiPropertyOptional({
    description: 'Only before the setup: the anime directory ANIME_DIRECTORY sets',
  })
  anime_directory_from_env?: string;
}
