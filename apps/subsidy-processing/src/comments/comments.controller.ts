import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, UuidParam } from '@redmet/platform';
import { ClaimComment } from './claim-comment.entity';
import { CommentsService } from './comments.service';
import { CommentDto } from './dto/comment.dto';

@ApiTags('comments')
@Controller('claims/:id/comments')
@Roles('producer', 'subsidy_officer', 'finance_officer', 'admin')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post()
  @ApiCreatedResponse({ type: ClaimComment })
  post(@UuidParam('id') id: string, @Body() dto: CommentDto, @CurrentPrincipal() principal: Principal) {
    return this.comments.post(id, dto, principal);
  }

  /** A producer sees only the comments meant for it. */
  @Get()
  @ApiOkResponse({ type: ClaimComment, isArray: true })
  list(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.comments.list(id, principal);
  }
}
