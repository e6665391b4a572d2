import { ApiProperty } from '@nestjs/swagger';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A programme year's budget: the one row every approval locks. `committed` is
 * approved-and-unpaid plus paid, less what was clawed back; a CHECK keeps it
 * within the total.
 */
@Entity('programme')
@Check('programme_year_check', 'year BETWEEN 2000 AND 2100')
@Check('programme_total_kopecks_check', 'total_kopecks >= 0')
// The last line of defence: whatever the code does, the budget is never overspent.
@Check('programme_budget_not_overspent', 'committed_kopecks >= 0 AND committed_kopecks <= total_kopecks')
export class Programme {
  @ApiProperty({ example: 2026 })
  @PrimaryColumn({ type: 'int' })
  year: number;

  @ApiProperty({ example: '107000000000', description: 'kopecks' })
  @Column({ name: 'total_kopecks', type: 'bigint' })
  totalKopecks: string;

  @ApiProperty({ example: '4000000000', description: 'kopecks' })
  @Column({ name: 'committed_kopecks', type: 'bigint', default: 0 })
  committedKopecks: string;

  /** Counts the changes of the total and committed money: their order for readers of the budget events. */
  @Column({ name: 'budget_version', type: 'bigint', default: 0 })
  budgetVersion: string;
}
