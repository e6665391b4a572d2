import { Controller, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiCreatedResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, InvalidInputError, type Principal } from '@redmet/platform';
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
  @UseInterceptors(FileInterceptor('file'))
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    description: 'A CSV of report lines in the field `file` (columns in the README)',
    schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] },
  })
  @ApiCreatedResponse({ type: UploadView })
  upload(@CurrentPrincipal() principal: Principal, @UploadedFile() file: { buffer: Buffer } | undefined) {
    if (!file) {
      const message = 'attach the CSV as the multipart field `file`';
      throw new InvalidInputError('REQUEST.INVALID', message, [{ field: 'file', messages: [message] }]);
    }
    return this.uploads.upload(principal, file.buffer);
  }
}
