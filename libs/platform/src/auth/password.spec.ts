import { hashPassword, passwordProblem, verifyPassword } from './password';

describe('passwords', () => {
  it('wants length, no username inside, and some variety', () => {
    expect(passwordProblem('short', 'lan')).toMatch(/at least 12/);
    expect(passwordProblem('I am lan.nguyen ok', 'lan.nguyen')).toBe(
      'must not contain the username',
    );
    expect(passwordProblem('LAN.NGUYEN-2023', 'lan.nguyen')).toBe('must not contain the username');
    expect(passwordProblem('aaaaaaaaaaaaaaaa', 'lan')).toBe('is too repetitive');
    expect(passwordProblem('mùa nước nổi 2023', 'lan.nguyen')).toBeUndefined();
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('mùa nước nổi 2023');
    expect(hash).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(hash, 'mùa nước nổi 2023')).resolves.toBe(true);
    await expect(verifyPassword(hash, 'mùa nước nổi 2024')).resolves.toBe(false);
    await expect(verifyPassword('not a hash', 'x')).resolves.toBe(false);
  });
});
