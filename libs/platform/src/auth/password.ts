import * as argon2 from 'argon2';
import { randomBytes } from 'node:crypto';
import { RequestValidationError } from '../http/domain-errors';

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** Why a password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  }
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (name.length > 0 && (lower.includes(name) || name.includes(lower))) {
    return 'must not contain the username';
  }
  if (new Set(password).size < 4) return 'is too repetitive';
  return undefined;
}

export function assertAcceptablePassword(
  password: string,
  username: string,
  field = 'password',
): void {
  const problem = passwordProblem(password, username);
  if (problem) throw RequestValidationError.field(field, problem);
}

/** A strong password for an account made without one (the first start's `admin`). */
export function generatePassword(username: string): string {
  let password: string;
  do password = randomBytes(18).toString('base64url');
  while (passwordProblem(password, username) !== undefined);
  return password;
}

/** argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes: OWASP's recommendation or above). */
function argon2id(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

/**
 * Hashes begun before they were asked for (hashPasswordAhead), each taken once. Kept for the whole
 * process: the built server holds this module twice, in the small file that opens the database
 * and hashes ahead, and in the app's file that takes the hash (scripts/bundle.js).
 */
const HASHED_AHEAD = Symbol.for('st-tracker.passwordsHashedAhead');
const hashedAhead = ((globalThis as Record<symbol, Map<string, Promise<string>> | undefined>)[
  HASHED_AHEAD
] ??= new Map<string, Promise<string>>());

/**
 * Begins hashing a password that is about to be needed: the first start hashes the admin's while
 * the database is being created, on a thread of its own, instead of after. The next hashPassword
 * of the same password takes it.
 */
export function hashPasswordAhead(password: string): Promise<string> {
  let hashing = hashedAhead.get(password);
  if (hashing === undefined) {
    hashing = argon2id(password);
    hashing.catch(() => undefined); // whoever takes it sees the failure
    hashedAhead.set(password, hashing);
  }
  return hashing;
}

/** A password's argon2id hash: the one begun ahead for it, if any, else a new one. */
export function hashPassword(password: string): Promise<string> {
  const ahead = hashedAhead.get(password);
  if (ahead !== undefined) {
    hashedAhead.delete(password);
    return ahead;
  }
  return argon2id(password);
}

/** What every hash this app stores begins with (PHC format, an argon2 variant). */
const ARGON2_HASH = /^\$argon2(?:id|i|d)\$/;

/**
 * Whether `password` is the one `hash` was made from. A stored value that is no argon2 hash
 * matches no password. A hash that cannot be checked (argon2 failing, its parameters damaged)
 * is the server's error, not a wrong password: it rejects, so that the caller answers 500 and
 * logs it, rather than telling the user their password is wrong and counting a failed attempt.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  if (!ARGON2_HASH.test(hash)) return false;
  return argon2.verify(hash, password);
}

let dummyHash: Promise<string> | undefined;

/** Spends the time of a real check when the username is unknown, so timing tells nothing. */
export async function verifyAgainstNothing(password: string): Promise<false> {
  dummyHash ??= hashPassword('not a real account password');
  await verifyPassword(await dummyHash, password);
  return false;
}
