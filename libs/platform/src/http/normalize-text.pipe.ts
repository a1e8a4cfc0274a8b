import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { normalizeInput } from '../text/vietnamese-text';

/** Every string of a body or query leaves here in NFC and trimmed, before validation sees it. */
@Injectable()
export class NormalizeTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    return metadata.type === 'body' || metadata.type === 'query' ? normalizeInput(value) : value;
  }
}
