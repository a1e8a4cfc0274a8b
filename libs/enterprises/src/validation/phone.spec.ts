import { isVietnamesePhone, phoneProblem } from './phone';

describe('Vietnamese phone numbers', () => {
  it.each([
    '0912345678',
    '0912 345 678',
    '0912.345.678',
    '0912-345-678',
    '0292 3 123 456',
    '02923123456',
    '+84 912 345 678',
    '+84912345678',
    '+84 292 3123 456',
    '1800 1234',
    '1900 123 456',
  ])('accepts %s', (phone) => {
    expect(phoneProblem(phone)).toBeNull();
  });

  it.each([
    ['091234567', /got 9$/],
    ['091234567890', /got 12$/],
    ['0912 345 67a', /^must be a phone number/],
    ['(0292) 3123456', /^must be a phone number/],
    ['0912  345 678', /^must be a phone number/],
    ['0912--345678', /^must be a phone number/],
    ['+1 202 555 0100', /^must be a Vietnamese number/],
    ['+84 0912 345 678', /without the leading 0/],
    ['912345678', /^must start with 0/],
    ['1800 12', /8–10 digits/],
    ['', /^must be a phone number/],
  ])('refuses %s', (phone, message) => {
    expect(phoneProblem(phone)).toMatch(message);
    expect(isVietnamesePhone(phone)).toBe(false);
  });
});
