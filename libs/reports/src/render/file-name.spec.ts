import { asciiSlug, bareUnitName, contentDisposition } from './file-name';

describe('file names', () => {
  it('turns Vietnamese names into ASCII slugs', () => {
    expect(asciiSlug('Bình Thủy')).toBe('binh-thuy');
    expect(asciiSlug('Thới An Đông — Cờ Đỏ 2023')).toBe('thoi-an-dong-co-do-2023');
    // NFD input gives the same slug.
    expect(asciiSlug('Bình Thủy'.normalize('NFD'))).toBe('binh-thuy');
  });

  it('drops the unit kind from names', () => {
    expect(bareUnitName('Quận Bình Thủy')).toBe('Bình Thủy');
    expect(bareUnitName('Thành phố Cần Thơ')).toBe('Cần Thơ');
    expect(bareUnitName('Thị xã Long Mỹ')).toBe('Long Mỹ');
  });

  it('gives an ASCII filename and the UTF-8 one (RFC 6266, RFC 8187)', () => {
    expect(contentDisposition('bao-cao-binh-thuy-2023.xlsx', 'Báo cáo Bình Thủy 2023.xlsx')).toBe(
      `attachment; filename="bao-cao-binh-thuy-2023.xlsx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20B%C3%ACnh%20Th%E1%BB%A7y%202023.xlsx`,
    );
  });
});
