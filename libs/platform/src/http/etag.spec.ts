import { PreconditionRequiredError, RequestValidationError } from './domain-errors';
import { etagOf, parseIfMatch } from './etag';

describe('ETag and If-Match', () => {
  it('writes a strong ETag of the version', () => {
    expect(etagOf(3)).toBe('"3"');
  });

  it('reads the version from If-Match, weak or strong', () => {
    expect(parseIfMatch('"3"')).toBe(3);
    expect(parseIfMatch(' W/"12" ')).toBe(12);
  });

  it('asks for If-Match when it is missing (428)', () => {
    expect(() => parseIfMatch(undefined)).toThrow(PreconditionRequiredError);
    expect(() => parseIfMatch('  ')).toThrow(PreconditionRequiredError);
  });

  it('refuses what is not a version (400)', () => {
    for (const bad of ['3', '"abc"', '*', '"1", "2"']) {
      expect(() => parseIfMatch(bad)).toThrow(RequestValidationError);
    }
  });
});
