import { IsArray, IsBoolean, IsInt, IsOptional, IsString, IsUUID, Length, Min } from 'class-validator';
import { topicEvents } from '../event-definition';
import { TOPICS } from '../topics';

/**
 * What an account may do after a change, whole: a reader keeps the latest
 * per user and needs no earlier event to know where it stands. Names,
 * usernames and passwords stay in the gateway.
 */
export class UserAccessSnapshot {
  /** The `userId` of the account's tokens and of every `Actor` it appears as. */
  @IsString()
  @Length(1, 128)
  userId: string;

  /**
   * The account's roles (`ROLES` of the vocabulary today). Any name is taken:
   * a reader ignores a role it does not know, rather than lose the account's
   * later changes to the dead-letter topic when a role is added.
   */
  @IsArray()
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  roles: string[];

  /** The company a producer acts for; null for staff. */
  @IsOptional()
  @IsUUID()
  companyId: string | null;

  /** A disabled account cannot sign in or refresh its tokens, whatever its roles. */
  @IsBoolean()
  disabled: boolean;

  /**
   * Counts the account's published changes, under the account's row lock: a
   * reader keeps the highest, whatever the clocks of the instances that made them.
   */
  @IsInt()
  @Min(1)
  version: number;
}

const userEvent = topicEvents(TOPICS.gatewayUser, 1);

export const UserAccessChanged = userEvent(
  'UserAccessChanged',
  UserAccessSnapshot,
  'An account was created, given other roles, disabled or enabled (or announced once, as it stood, when the gateway began publishing accounts).',
);
