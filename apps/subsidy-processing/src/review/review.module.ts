import { Module } from '@nestjs/common';
import { ClaimReviewView } from './claim-review.view';
import { ReviewController } from './review.controller';
import { ReviewService } from './review.service';

@Module({
  controllers: [ReviewController],
  providers: [ReviewService, ClaimReviewView],
})
export class ReviewModule {}
