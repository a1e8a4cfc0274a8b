import {
  generatePassword,
  hashPassword,
  hashPasswordAhead,
  passwordProblem,
  verifyPassword,
} from './password';

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

  it('fails, rather than saying the password is wrong, when a hash cannot be checked', async () => {
    // An argon2 hash whose memory cost argon2 refuses to compute with.
    const damaged = '$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo';
    await expect(verifyPassword(damaged, 'mùa nước nổi 2023')).rejects.toThrow(/memory cost/i);
  });

  it('a hash begun ahead serves the next request for that password, once; later ones are new', async () => {
    const password = generatePassword('admin');
    expect(passwordProblem(password, 'admin')).toBeUndefined();
    const ahead = hashPasswordAhead(password);
    expect(hashPasswordAhead(password)).toBe(ahead); // begun once
    const taken = hashPassword(password);
    expect(taken).toBe(ahead);
    const later = hashPassword(password);
    expect(later).not.toBe(ahead);
    const [first, second] = await Promise.all([taken, later]);
    await expect(verifyPassword(first, password)).resolves.toBe(true);
    await expect(verifyPassword(second, password)).resolves.toBe(true);
    // Each hash has its own salt: the second was not the one kept.
    expect(second).not.toBe(first);
  });

  it('generates a different strong password each time', () => {
    const passwords = new Set(Array.from({ length: 20 }, () => generatePassword('admin')));
    expect(passwords.size).toBe(20);
    for (const p of passwords) expect(p).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });
});
