import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorCode, type ErrorResponse } from '@aniworld/contracts';

export class ErrorResponseDto implements ErrorResponse {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ enum: ERROR_CODES, example: 'VALIDATION_FAILED' })
  code!: ErrorCode;

  @ApiProperty({ example: 'Invalid input: server.port (port must not be greater than 65535)' })
  message!: string;

  @ApiPropertyOptional({ description: 'For VALIDATION_FAILED: [{field, errors}]' })
  details?: unknown;
}
