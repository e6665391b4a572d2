import { IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { topicEvents } from '../event-definition';
import { TOPICS } from '../topics';
import { ROLES, type Role } from '../vocabulary/roles';

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

  @IsArray()
  @IsIn(ROLES, { each: true })
  roles: Role[];

  /** The company a producer acts for; null for staff. */
  @IsOptional()
  @IsUUID()
  companyId: string | null;

  /** A disabled account cannot sign in or refresh its tokens, whatever its roles. */
  @IsBoolean()
  disabled: boolean;
}

const userEvent = topicEvents(TOPICS.gatewayUser, 1);

export const UserAccessChanged = userEvent(
  'UserAccessChanged',
  UserAccessSnapshot,
  'An account was created, given other roles, disabled or enabled (or announced once, as it stood, when the gateway began publishing accounts).',
);
