import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { NO_CONTROL_CHARACTERS } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'producer.lovozero' })
  @IsString()
  @Length(1, 64)
  @Matches(NO_CONTROL_CHARACTERS, { message: 'username must not contain control characters' })
  username: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RefreshDto {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}

export class TokensDto {
  @ApiProperty({ description: 'Bearer token for every API call' })
  accessToken: string;

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiProperty({ description: 'Exchange at /api/auth/refresh for new tokens; single use' })
  refreshToken: string;
}
