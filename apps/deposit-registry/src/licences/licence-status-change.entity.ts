import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity } from 'typeorm';
import type { LicenceStatus } from '@redmet/contracts';
import { StatusChangeRecord } from '../common/status-history';

/** One row per status a licence has had, the first being `active` from `validFrom`. */
@Entity('licence_status_change')
export class LicenceStatusChange extends StatusChangeRecord<LicenceStatus> {
  @ApiProperty({ format: 'uuid' })
  @Column({ name: 'licence_id', type: 'uuid' })
  licenceId: string;

  @ApiProperty({ example: 'Breach of the development plan (order of 12 March 2026)' })
  @Column({ type: 'text' })
  reason: string;
}
