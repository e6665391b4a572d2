import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { DomainError, type Principal } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { findClaim } from '../claims/claim-access';
import { ClaimComment } from './claim-comment.entity';
import type { CommentDto } from './dto/comment.dto';

@Injectable()
export class CommentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: Audit,
  ) {}

  post(claimId: string, dto: CommentDto, principal: Principal): Promise<ClaimComment> {
    if (principal.isProducer() && dto.visibility === 'internal') {
      throw new DomainError(
        'COMMENT.INTERNAL_FOR_OFFICERS',
        'Internal comments are for officers',
        HttpStatus.FORBIDDEN,
        [{ field: 'visibility', messages: ['a producer writes comments with visibility "producer"'] }],
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await findClaim(manager, claimId, principal);
      return this.add(manager, claimId, dto, principal);
    });
  }

  /** Adds a comment in the caller's transaction (a return for information writes one too). */
  async add(manager: EntityManager, claimId: string, dto: CommentDto, principal: Principal): Promise<ClaimComment> {
    const comment = manager.create(ClaimComment, {
      claimId,
      ...dto,
      authorId: principal.userId,
      authorName: principal.name,
    });
    await manager.save(comment);
    await this.audit.record(manager, {
      subjectType: 'claim',
      subjectId: claimId,
      action: 'claim.commented',
      actor: actorOf(principal),
      changes: { commentId: comment.id, visibility: dto.visibility },
    });
    return comment;
  }

  async list(claimId: string, principal: Principal): Promise<ClaimComment[]> {
    const manager = this.dataSource.manager;
    await findClaim(manager, claimId, principal);
    return manager.find(ClaimComment, {
      where: { claimId, ...(principal.isProducer() ? { visibility: 'producer' as const } : {}) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }
}
