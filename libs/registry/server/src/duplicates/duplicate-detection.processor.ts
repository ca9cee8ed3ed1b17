// Temporary placeholder, replaced by the real processor.
import { Injectable } from '@nestjs/common';

@Injectable()
export class DuplicateDetectionProcessor {}
