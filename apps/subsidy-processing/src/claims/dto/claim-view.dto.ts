import { ApiProperty } from '@nestjs/swagger';
import { ClaimLine } from '../claim-line.entity';
import { Claim } from '../claim.entity';

/** The claim as `GET /claims/:id` shows it, and as every command on it answers: every stored column, and its lines. */
export class ClaimView extends Claim {
  @ApiProperty({ type: [ClaimLine], description: 'Every line of the claim, by line number' })
  lines: ClaimLine[];
}
