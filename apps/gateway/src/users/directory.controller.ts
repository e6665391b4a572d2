import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Roles } from '@redmet/platform';
import { DataSource } from 'typeorm';
import { User } from './user.entity';

export class OfficerEntry {
  @ApiProperty({ format: 'uuid', description: 'The user id tokens carry (`sub`), as claims name their officers' })
  userId: string;

  @ApiPropertyOptional({ example: 'O. Volkova' })
  name: string | null;
}

export class OfficerList {
  @ApiProperty({ type: [OfficerEntry] })
  items: OfficerEntry[];
}

/**
 * Who officers may hand a claim on to. subsidy-processing keeps no user
 * directory (accounts are the gateway's), so the console asks here: the
 * enabled accounts holding `subsidy_officer`, names and ids only.
 */
@ApiTags('directory')
@Roles('subsidy_officer', 'admin')
@Controller('api/directory')
export class DirectoryController {
  constructor(private readonly dataSource: DataSource) {}

  @Get('officers')
  @ApiOperation({ summary: 'Enabled subsidy officers, by name' })
  @ApiOkResponse({ type: OfficerList })
  async officers(): Promise<OfficerList> {
    const users: Pick<User, 'id' | 'displayName'>[] = await this.dataSource.manager
      .createQueryBuilder(User, 'user')
      .select(['user.id', 'user.displayName'])
      .where(`'subsidy_officer' = ANY (user.roles)`)
      .andWhere('NOT user.disabled')
      .orderBy('user.displayName')
      .addOrderBy('user.id')
      .getMany();
    return { items: users.map((user) => ({ userId: user.id, name: user.displayName })) };
  }
}
