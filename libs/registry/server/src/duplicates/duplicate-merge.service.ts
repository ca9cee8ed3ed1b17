// Temporary placeholder, replaced by the real service.
import { Injectable } from '@nestjs/common';

@Injectable()
export class DuplicateMergeService {}
