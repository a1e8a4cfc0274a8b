import { Client } from 'pg';
import { createTestDatabase, dropTestDatabase } from './support/test-app';

const NFD_THOI_AN_DONG = 'Tho\u031b\u0301i An \u0110o\u0302ng';

/**
 * The search key is made by the database's `f_search_key()` only: it fills every `search_key`
 * column and turns `q` into the key it is matched against, so this is the function to pin down.
 */
describe('The search key (f_search_key)', () => {
  let url: string;
  let client: Client;
  const key = async (value: string) =>
    (await client.query<{ key: string }>('SELECT f_search_key($1) AS key', [value])).rows[0].key;

  beforeAll(async () => {
    url = await createTestDatabase();
    client = new Client({ connectionString: url });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
    await dropTestDatabase(url);
  });

  it('drops diacritics from decomposed input', async () => {
    expect(await key(NFD_THOI_AN_DONG)).toBe('thoi an dong');
  });

  it('maps đ and Đ to d, which stripping combining marks alone misses', async () => {
    expect(await key('Cờ Đỏ')).toBe('co do');
    expect(await key('đường')).toBe('duong');
  });

  it('ignores case', async () => {
    expect(await key('THỚI')).toBe(await key('thới'));
    expect(await key('BìNh THủY')).toBe('binh thuy');
  });

  it('gives an empty key for empty input', async () => {
    expect(await key('')).toBe('');
    expect(await key('   ')).toBe('');
  });

  it('covers every Vietnamese vowel with every tone', async () => {
    const vowels = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ';
    expect(await key(vowels)).toMatch(/^[aeiouy]+$/);
    expect(await key(vowels.toUpperCase())).toBe(await key(vowels));
  });
});
