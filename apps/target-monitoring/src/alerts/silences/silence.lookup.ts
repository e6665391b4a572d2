import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

@Injectable()
export class SilenceLookup {
  /** A silence matches when it names the rule, the subject, or both, and is in force at `at`. */
  async isSilenced(manager: EntityManager, ruleId: string, subject: string, at: Date): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `SELECT 1 FROM silence
        WHERE starts_at <= $3 AND ends_at > $3
          AND (rule_id IS NULL OR rule_id = $1) AND (subject IS NULL OR subject = $2)
        LIMIT 1`,
      [ruleId, subject, at],
    );
    return rows.length > 0;
  }
}
