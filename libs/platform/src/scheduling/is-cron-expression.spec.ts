import { validateSync } from 'class-validator';
import { IsCronExpression } from './is-cron-expression';

class Settings {
  @IsCronExpression()
  CHECK_CRON: unknown;
}

const problems = (value: unknown) =>
  validateSync(Object.assign(new Settings(), { CHECK_CRON: value })).flatMap((error) =>
    Object.values(error.constraints ?? {}),
  );

describe('IsCronExpression', () => {
  it('takes five or six fields the scheduler can run', () => {
    expect(problems('0 */15 * * * *')).toEqual([]);
    expect(problems('*/5 * * * *')).toEqual([]);
  });

  it("refuses what the scheduler would refuse, naming the setting and the scheduler's reason", () => {
    expect(problems('* * * *')).toEqual([
      expect.stringMatching(/^CHECK_CRON must be a cron expression.*Too few fields/),
    ]);
    expect(problems('0 61 * * * *')).toEqual([expect.stringMatching(/^CHECK_CRON must be a cron expression/)]);
    expect(problems('every hour')).toHaveLength(1);
    expect(problems(15)).toEqual([expect.stringContaining('not text')]);
  });
});
