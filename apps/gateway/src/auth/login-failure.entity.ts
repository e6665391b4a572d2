import { Entity, Index } from 'typeorm';
import { LoginFailureRun } from './login-failure-run.entity';

/**
 * The failed logins of one username from all client addresses together,
 * whether or not an account has that name: answers to a name nobody has must
 * follow the same sequence as answers to an account's, or a lock-out would
 * tell which names exist. A lock here refuses every address; a success does
 * not end the run.
 */
@Entity('login_failure')
@Index('login_failure_expires', ['expiresAt'])
export class LoginFailure extends LoginFailureRun {}
