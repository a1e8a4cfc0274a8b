import { PreconditionFailedError, RequestValidationError } from './domain-errors';
import { assertIfMatch, etagOf, parseIfMatch } from './etag';

describe('ETag and If-Match', () => {
  it('writes a strong ETag of the version', () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it('reads an entity-tag as sent; nothing sent is undefined (the route decides on 428)', () => {
    expect(parseIfMatch('"3"')).toBe('"3"');
    expect(parseIfMatch(' W/"12" ')).toBe('W/"12"');
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('  ')).toBeUndefined();
  });

  it('refuses what is not an entity-tag (400)', () => {
    for (const bad of ['3', '"abc', '*', '"1", "2"', '"\u0000"']) {
      expect(() => parseIfMatch(bad)).toThrow(RequestValidationError);
    }
  });

  it('compares strongly: a weak tag or another spelling of the number never matches (412)', () => {
    const record = { version: 1 };
    expect(() => assertIfMatch(record, '"1"', 'task')).not.toThrow();
    expect(() => assertIfMatch(record, undefined, 'task')).not.toThrow();
    for (const stale of ['W/"1"', '"01"', '"2"', '"abc"']) {
      expect(() => assertIfMatch(record, stale, 'task')).toThrow(PreconditionFailedError);
    }
  });
});
