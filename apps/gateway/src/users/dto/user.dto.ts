import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMinSize, ArrayUnique, IsArray, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { ROLES, type Role } from '@redmet/contracts';
import { IsNotBlank, IsUuid, PageQuery } from '@redmet/platform';

/** PostgreSQL cannot store a NUL in text, and no name needs a control character: refused as a field error, not a 500. */
export const NO_CONTROL_CHARACTERS = /^\P{Cc}*$/u;

export class PasswordDto {
  @ApiProperty({ minLength: 10, maxLength: 200 })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters long' })
  password: string;
}

export class UserRolesDto {
  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({ format: 'uuid', description: 'Required for producers: the company they act for' })
  @IsOptional()
  @IsUuid()
  companyId?: string;
}

export class CreateUserDto extends UserRolesDto {
  @ApiProperty({ example: 'petrova' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, {
    message: 'username must be 3-64 lower-case letters, digits, dots, dashes or underscores',
  })
  username: string;

  @ApiProperty({ example: 'A. Petrova' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  @Matches(NO_CONTROL_CHARACTERS, { message: 'displayName must not contain control characters' })
  displayName: string;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200, { message: 'password must be 10 to 200 characters long' })
  password: string;
}

export class UserQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
