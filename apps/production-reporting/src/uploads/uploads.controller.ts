import { Controller, Post, UploadedFile } from '@nestjs/common';
import { ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, FileUpload, InvalidInputError, type Principal } from '@redmet/platform';
import { FilesReports } from '../common/roles';
import { FilingView } from '../reports/dto/report.view';
import { UploadsService } from './uploads.service';

export class UploadView {
  @ApiProperty({ description: 'Data rows read' })
  rows: number;

  @ApiProperty({ type: FilingView, isArray: true, description: 'One report per site and period, with its receipt' })
  reports: FilingView[];
}

@ApiTags('reports')
@FilesReports()
@Controller('reports/uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @FileUpload('A CSV of report lines in the field `file` (columns in the README)')
  @ApiCreatedResponse({ type: UploadView })
  upload(@CurrentPrincipal() principal: Principal, @UploadedFile() file: { buffer: Buffer } | undefined) {
    if (!file) {
      const message = 'attach the CSV as the multipart field `file`';
      throw new InvalidInputError('REQUEST.INVALID', message, [{ field: 'file', messages: [message] }]);
    }
    return this.uploads.upload(principal, file.buffer);
  }
}
