// Temporary placeholder, replaced by the real resolver.
import { Injectable } from '@nestjs/common';

@Injectable()
export class DuplicateResolver {}
