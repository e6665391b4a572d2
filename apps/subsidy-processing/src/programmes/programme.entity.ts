import { ApiProperty } from '@nestjs/swagger';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A programme year's budget: the one row every approval locks. `committed` is
 * approved-and-unpaid plus paid, less what was clawed back; a CHECK keeps it
 * within the total.
 */
@Entity('programme')
export class Programme {
  @ApiProperty({ example: 2026 })
  @PrimaryColumn({ type: 'int' })
  year: number;

  @ApiProperty({ example: '107000000000', description: 'kopecks' })
  @Column({ name: 'total_kopecks', type: 'bigint' })
  totalKopecks: string;

  @ApiProperty({ example: '4000000000', description: 'kopecks' })
  @Column({ name: 'committed_kopecks', type: 'bigint' })
  committedKopecks: string;
}
