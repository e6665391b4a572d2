import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, InvalidInputError, NotFoundError, type Principal } from '@redmet/platform';
import { actorOf, Audit } from '../audit/audit';
import { findClaim, findClaimForUpdate, saveClaim } from '../claims/claim-access';
import * as workflow from '../claims/claim-workflow';
import { FirstApprovalWithdrawal } from '../claims/first-approval-withdrawal';
import { fitText } from '../common/text';
import { SubsidyEnvironment } from '../subsidy.environment';
import { ClaimDocument } from './claim-document.entity';
import { contentMatchesType, fittedFileName, misleadingExtension } from './content-type';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * What a file name may not hold: control characters (line breaks, NUL), and the bidirectional controls that
 * show `invoice\u202Efdp.exe` to whoever downloads it as `invoiceexe.pdf`.
 */
const UNSAFE_NAME = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** Longer names are cut to this many UTF-16 units. */
const FILE_NAME_MAX = 255;

function unsupported(message: string): DomainError {
  return new DomainError('DOCUMENT.UNSUPPORTED_TYPE', message, HttpStatus.UNSUPPORTED_MEDIA_TYPE, [
    { field: 'file', messages: [message] },
  ]);
}

/** Supporting documents: stored whole in PostgreSQL with their SHA-256; the owner and staff list and download them. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: Audit,
    private readonly environment: SubsidyEnvironment,
    private readonly firstApprovals: FirstApprovalWithdrawal,
  ) {}

  upload(claimId: string, file: UploadedFile | undefined, principal: Principal): Promise<ClaimDocument> {
    if (!file || file.size === 0) {
      throw new InvalidInputError('REQUEST.INVALID', 'Attach a non-empty file in the "file" field', [
        { field: 'file', messages: ['file is required (multipart/form-data, field "file")'] },
      ]);
    }
    if (UNSAFE_NAME.test(file.originalname)) {
      throw new InvalidInputError('REQUEST.INVALID', 'The file name holds characters a file name may not', [
        { field: 'file', messages: ['the file name must not contain control or bidirectional-override characters'] },
      ]);
    }
    if (!this.environment.DOCUMENT_TYPES.includes(file.mimetype)) {
      throw unsupported(`${file.mimetype} is not accepted; send one of: ${this.environment.DOCUMENT_TYPES.join(', ')}`);
    }
    if (!contentMatchesType(file.buffer, file.mimetype)) {
      throw unsupported(`The content of ${file.originalname} is not ${file.mimetype}`);
    }
    const fileName = fittedFileName(file.originalname, FILE_NAME_MAX);
    const extension = misleadingExtension(fileName, file.mimetype);
    if (extension !== undefined) {
      throw unsupported(`A file named .${extension} is not ${file.mimetype}: name it after what it is`);
    }
    return this.dataSource.transaction(async (manager) => {
      // Locked like any change of the claim, so a decision by the uploader either comes first (a first approval
      // then is withdrawn below) or sees the uploader as an editor.
      const claim = await findClaimForUpdate(manager, claimId, principal);
      workflow.changeDocuments(claim, principal.userId);
      await saveClaim(manager, claim);
      const document = manager.create(ClaimDocument, {
        claimId,
        fileName,
        contentType: file.mimetype,
        sizeBytes: file.size,
        sha256: createHash('sha256').update(file.buffer).digest('hex'),
        content: file.buffer,
        uploadedBy: principal.userId,
      });
      await manager.insert(ClaimDocument, document);
      await this.audit.claim(manager, claim, actorOf(principal), 'claim.document_uploaded', {
        documentId: document.id,
        fileName: document.fileName,
        sha256: document.sha256,
      });
      if (workflow.editVoidsFirstApproval(claim, principal.userId)) {
        const who = claim.firstApproval!.name ?? principal.userId;
        const reason = fitText(
          `${who} uploaded ${document.fileName} after giving the first approval; whoever edited a claim may not decide it, so the first approval is withdrawn.`,
          2000,
        );
        await this.firstApprovals.withdraw(manager, claim, reason, actorOf(principal));
      }
      const { content: _content, ...listed } = document;
      return listed as ClaimDocument;
    });
  }

  async list(claimId: string, principal: Principal): Promise<ClaimDocument[]> {
    await findClaim(this.dataSource.manager, claimId, principal);
    return this.dataSource.manager.find(ClaimDocument, { where: { claimId }, order: { uploadedAt: 'ASC' } });
  }

  async download(claimId: string, documentId: string, principal: Principal): Promise<ClaimDocument> {
    await findClaim(this.dataSource.manager, claimId, principal);
    const document = await this.dataSource.manager
      .createQueryBuilder(ClaimDocument, 'd')
      .addSelect('d.content')
      .where('d.id = :documentId AND d.claim_id = :claimId', { documentId, claimId })
      .getOne();
    if (!document) throw new NotFoundError('DOCUMENT.NOT_FOUND', `No document ${documentId} on claim ${claimId}`);
    return document;
  }
}
