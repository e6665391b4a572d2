import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { IsNotBlank } from '@redmet/platform';
import { VISIBILITIES, type Visibility } from '../claim-comment.entity';

export class CommentDto {
  @ApiProperty({ example: 'Please attach the signed sales policy for 2026' })
  @IsString()
  @Length(1, 5000)
  @IsNotBlank()
  text: string;

  @ApiProperty({ enum: VISIBILITIES, description: 'internal: officers only; producer: the producer sees it too' })
  @IsIn(VISIBILITIES)
  visibility: Visibility;
}
