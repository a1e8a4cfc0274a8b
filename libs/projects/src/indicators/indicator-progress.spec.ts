import { indicatorProgress } from './indicator-progress';

describe('indicator progress', () => {
  it('is actual / target, to 4 decimals, and may pass 1', () => {
    expect(indicatorProgress(4000, 3500)).toBe(0.875);
    expect(indicatorProgress(6, 5)).toBe(0.8333);
    expect(indicatorProgress(30, 36)).toBe(1.2);
    expect(indicatorProgress(20, 0)).toBe(0);
  });

  it('is null where it means nothing: no target, a target of 0 or less, no actual yet', () => {
    expect(indicatorProgress(null, 10)).toBeNull();
    expect(indicatorProgress(0, 10)).toBeNull();
    expect(indicatorProgress(-5, 10)).toBeNull();
    expect(indicatorProgress(100, null)).toBeNull();
  });
});
