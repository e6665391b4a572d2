import { HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, CreateDateColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { Actor } from '@redmet/contracts';
import { ConflictError, DomainError } from '@redmet/platform';
import { CHANGED_BY_DOC } from './changed-by';

/** For each status, the statuses it may move to. */
export type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export function canTransition<S extends string>(transitions: Transitions<S>, from: S, to: S): boolean {
  return transitions[from].includes(to);
}

/** 409 naming both ends, so a client can tell "already revoked" from "never suspended". */
export function illegalTransition(code: string, subject: string, from: string, to: string, field?: string) {
  return new ConflictError(code, `A ${subject} cannot go from ${from} to ${to}`, field);
}

export interface EffectiveDateRule {
  /** The day the current status took effect; none when a record starts. */
  notBefore?: string;
  today: string;
}

/**
 * A status change records a fact: it took effect no earlier than the current
 * status (so the history stays in order) and not in the future.
 */
export function checkEffectiveDate(code: string, field: string, day: string, rule: EffectiveDateRule): void {
  const { notBefore, today } = rule;
  if ((!notBefore || day >= notBefore) && day <= today) return;
  const message = notBefore
    ? `${field} must be between ${notBefore}, when the current status took effect, and today (${today})`
    : `${field} must not be after today (${today})`;
  throw new DomainError(code, message, HttpStatus.UNPROCESSABLE_ENTITY, [{ field, messages: [message] }]);
}

/** The columns of every status history row; each history table adds the key of its aggregate. */
export abstract class StatusChangeRecord<S extends string> {
  @ApiProperty()
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @ApiPropertyOptional({ nullable: true, description: 'null on the first row: the status the record started with' })
  @Column({ name: 'from_status', type: 'text', nullable: true })
  fromStatus: S | null;

  @ApiProperty()
  @Column({ name: 'to_status', type: 'text' })
  toStatus: S;

  @ApiProperty({ format: 'date', description: 'The day the status took effect' })
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @ApiProperty({ description: 'When the registry learnt of it' })
  @CreateDateColumn({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt: Date;

  @ApiProperty({ ...CHANGED_BY_DOC, description: `Who made this change. ${CHANGED_BY_DOC.description}` })
  @Column({ name: 'changed_by', type: 'jsonb', nullable: true })
  changedBy: Actor | null;
}
