import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsUuid } from '@redmet/platform';

/** The `companyId` filter of a list that officers and producers both read. */
export function CompanyFilter(): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({
      format: 'uuid',
      description:
        "A producer may name only its own company (it lists only that one's anyway); another is 403 CLAIM.OTHER_COMPANY " +
        'naming companyId',
    }),
    IsOptional(),
    IsUuid(),
  );
}
