import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '@redmet/platform';
import { AUDIT_SUBJECTS, type AuditSubject } from '../audit-entry.entity';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AUDIT_SUBJECTS })
  @IsOptional()
  @IsIn(AUDIT_SUBJECTS)
  subjectType?: AuditSubject;

  @ApiPropertyOptional({ description: 'A claim id, a programme year or a results report id' })
  @IsOptional()
  // Ids are stored in lower case; one typed in upper case would otherwise find nothing, as if none existed.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsString()
  @Length(1, 64)
  subjectId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 128)
  actorId?: string;
}
