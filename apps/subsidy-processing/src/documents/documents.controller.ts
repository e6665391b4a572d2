import { Controller, Get, Post, Res, StreamableFile, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal, FileUpload, type Principal, Roles, UuidParam } from '@redmet/platform';
import { ClaimDocument } from './claim-document.entity';
import { DocumentsService, type UploadedFile as Upload } from './documents.service';

/**
 * RFC 6266: `filename` takes no percent-encoding and only ASCII, so a name in
 * Cyrillic goes in `filename*` (RFC 5987), with an ASCII stand-in for old clients.
 */
function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

@ApiTags('documents')
@Controller('claims/:id/documents')
@Roles('producer', 'subsidy_officer', 'finance_officer', 'admin')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  /** multipart/form-data with the file in `file`; size and type limits from DOCUMENT_MAX_BYTES and DOCUMENT_TYPES. */
  @Post()
  @FileUpload('A document of the claim in the field `file` (DOCUMENT_TYPES, at most DOCUMENT_MAX_BYTES)')
  @ApiCreatedResponse({ type: ClaimDocument })
  upload(
    @UuidParam('id') id: string,
    @UploadedFile() file: Upload | undefined,
    @CurrentPrincipal() principal: Principal,
  ) {
    return this.documents.upload(id, file, principal);
  }

  @Get()
  @ApiOkResponse({ type: ClaimDocument, isArray: true })
  list(@UuidParam('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.documents.list(id, principal);
  }

  @Get(':documentId')
  async download(
    @UuidParam('id') id: string,
    @UuidParam('documentId') documentId: string,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: Response,
  ): Promise<StreamableFile> {
    const document = await this.documents.download(id, documentId, principal);
    response.setHeader('x-content-sha256', document.sha256);
    return new StreamableFile(document.content, {
      type: document.contentType,
      length: document.sizeBytes,
      disposition: attachment(document.fileName),
    });
  }
}
