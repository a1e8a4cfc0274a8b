import { inputProblems, MAX_INPUT_DEPTH } from './normalize-text.pipe';

describe('inputProblems', () => {
  it('finds nothing wrong with ordinary input, line breaks and tabs included', () => {
    expect(inputProblems({ title: 'Kết luận:\n\tmột', items: [{ a: 1 }], none: null })).toEqual([]);
  });

  it('names each field holding a control character, NUL included', () => {
    expect(inputProblems({ name: 'a\u0000b', items: ['ok', 'x\u001b'] })).toEqual([
      { field: 'name', message: 'must not contain control characters (such as NUL)' },
      { field: 'items.1', message: 'must not contain control characters (such as NUL)' },
    ]);
  });

  it('refuses keys that reach the prototype', () => {
    const body = JSON.parse('{"__proto__": {"admin": true}, "a": {"constructor": 1}}') as object;
    expect(inputProblems(body)).toEqual([
      { field: '__proto__', message: 'is not an allowed field' },
      { field: 'a.constructor', message: 'is not an allowed field' },
    ]);
  });

  it('stops at a hostile depth without overflowing the stack', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const problems = inputProblems(deep);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toBe(`is nested deeper than ${MAX_INPUT_DEPTH} levels`);
  });
});
