// Temporary placeholder so the library compiles while duplicate detection is written; replaced by the real service.
import { Injectable } from '@nestjs/common';

@Injectable()
export class DuplicateDetectionService {
  async detectForBatch(_jobId: string): Promise<{ candidates: number }> {
    return { candidates: 0 };
  }
}
