import { parseReferenceData, ReferenceDataError } from './reference-files';

// A tiny but real data set: Cần Thơ, one district and two of its wards, before and after the reform.
const BEFORE = [
  'code,name,level,subtype,parent_code',
  '92,Thành phố Cần Thơ,province,thanh_pho,',
  '918,Quận Bình Thủy,district,quan,92',
  '31168,Phường Bình Thủy,commune,phuong,918',
  '31169,Phường Trà An,commune,phuong,918',
];
const AFTER = [
  'code,name,level,subtype,parent_code',
  '92,Thành phố Cần Thơ,province,thanh_pho,',
  '31168,Phường Bình Thủy,commune,phuong,92',
  '31174,Phường Thới An Đông,commune,phuong,92',
];
const SUCCESSORS = ['old_code,new_code', '92,92', '31168,31168', '31169,31174'];

function files(
  changes: { before?: string[]; after?: string[]; successors?: string[] } = {},
): Record<'before' | 'after' | 'successors', string> {
  const text = (lines: string[]) => `${lines.join('\n')}\n`;
  return {
    before: text(changes.before ?? BEFORE),
    after: text(changes.after ?? AFTER),
    successors: text(changes.successors ?? SUCCESSORS),
  };
}

/** `lines` with the row at 1-based file line `line` replaced (or appended when it is one past the end). */
function withLine(lines: string[], line: number, row: string): string[] {
  const copy = [...lines];
  copy[line - 1] = row;
  return copy;
}

function errorOf(run: () => unknown): ReferenceDataError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ReferenceDataError);
    return error as ReferenceDataError;
  }
  throw new Error('expected a ReferenceDataError, but the data was accepted');
}

describe('parseReferenceData', () => {
  it('parses a good data set: both eras, parents, successors and the line of each row', () => {
    const data = parseReferenceData(files());
    expect(data.units).toHaveLength(7);
    expect(data.units[0]).toEqual({
      era: 'before',
      code: '92',
      name: 'Thành phố Cần Thơ',
      level: 'province',
      subtype: 'thanh_pho',
      parentCode: null,
      line: 2,
    });
    expect(data.units.find((u) => u.era === 'before' && u.code === '31169')).toMatchObject({
      level: 'commune',
      subtype: 'phuong',
      parentCode: '918',
      line: 5,
    });
    expect(data.units.filter((u) => u.era === 'after').map((u) => u.code)).toEqual([
      '92',
      '31168',
      '31174',
    ]);
    expect(data.successors).toEqual([
      { oldCode: '92', newCode: '92', line: 2 },
      { oldCode: '31168', newCode: '31168', line: 3 },
      { oldCode: '31169', newCode: '31174', line: 4 },
    ]);
  });

  it('keeps leading zeros, normalises names to NFC and accepts CRLF and a BOM', () => {
    const before = [
      '\uFEFFcode,name,level,subtype,parent_code',
      '01,Tha\u0300nh pho\u0302\u0301 Ha\u0300 No\u0323\u0302i,province,thanh_pho,',
      '001,Quận Ba Đình,district,quan,01',
      '00001,Phường Phúc Xá,commune,phuong,001',
    ];
    const data = parseReferenceData({
      before: `${before.join('\r\n')}\r\n`,
      after: 'code,name,level,subtype,parent_code\n01,Thành phố Hà Nội,province,thanh_pho,\n',
      successors: 'old_code,new_code\n01,01\n',
    });
    expect(data.units.map((u) => u.code)).toEqual(['01', '001', '00001', '01']);
    expect(data.units[0].name).toBe('Thành phố Hà Nội');
    expect(data.units[2]).toMatchObject({ parentCode: '001', line: 4 });
  });

  it('ignores empty lines without losing count of the line numbers', () => {
    const before = [...BEFORE.slice(0, 3), '', BEFORE[3], 'x,Bad,region,xa,918'];
    expect(errorOf(() => parseReferenceData(files({ before }))).message).toBe(
      'units-2024.csv line 6: level "region" is not one of province, district, commune',
    );
  });

  describe('rejects a bad row, naming the file and the exact line', () => {
    const cases: [string, Parameters<typeof files>[0], RegExp][] = [
      [
        'a bad level',
        { before: withLine(BEFORE, 4, '31168,Phường Bình Thủy,ward,phuong,918') },
        /^units-2024\.csv line 4: level "ward" is not one of/,
      ],
      [
        'a code of the wrong length for its level',
        { before: withLine(BEFORE, 3, '9180,Quận Bình Thủy,district,quan,92') },
        /^units-2024\.csv line 3: code "9180" must be 3 digits for a district/,
      ],
      [
        'a code that is not digits',
        { after: withLine(AFTER, 3, '3116A,Phường Bình Thủy,commune,phuong,92') },
        /^units-2025\.csv line 3: code "3116A" must be 5 digits for a commune/,
      ],
      [
        'a subtype not allowed for the level',
        { before: withLine(BEFORE, 5, '31169,Phường Trà An,commune,quan,918') },
        /^units-2024\.csv line 5: subtype "quan" is not allowed for a commune/,
      ],
      [
        'an empty name',
        { before: withLine(BEFORE, 5, '31169, ,commune,phuong,918') },
        /^units-2024\.csv line 5: the name is empty/,
      ],
      [
        'a duplicate code',
        { before: [...BEFORE, '31168,Phường Trà Nóc,commune,phuong,918'] },
        /^units-2024\.csv line 6: code 31168 appears twice \(first on line 4\)/,
      ],
      [
        'an unknown parent_code',
        { before: withLine(BEFORE, 5, '31169,Phường Trà An,commune,phuong,919') },
        /^units-2024\.csv line 5: parent_code 919 is not a unit of this file/,
      ],
      [
        'a parent of the wrong level',
        { before: [...BEFORE, '31171,Phường Trà Nóc,commune,phuong,31168'] },
        /^units-2024\.csv line 6: a commune cannot lie under the commune 31168/,
      ],
      [
        'a district under a district',
        { before: [...BEFORE, '919,Quận Cái Răng,district,quan,918'] },
        /^units-2024\.csv line 6: a district cannot lie under the district 918/,
      ],
      [
        'a province with a parent',
        { after: withLine(AFTER, 2, '92,Thành phố Cần Thơ,province,thanh_pho,93') },
        /^units-2025\.csv line 2: a province has no parent_code/,
      ],
      [
        'a commune without a parent',
        { after: withLine(AFTER, 4, '31174,Phường Thới An Đông,commune,phuong,') },
        /^units-2025\.csv line 4: a commune needs a parent_code/,
      ],
      [
        'a successor of an unknown old code',
        { successors: [...SUCCESSORS, '31999,31174'] },
        /^successors-2025\.csv line 5: old_code 31999 is not a unit of units-2024\.csv/,
      ],
      [
        'a successor that is an unknown new code',
        { successors: withLine(SUCCESSORS, 3, '31168,31999') },
        /^successors-2025\.csv line 3: new_code 31999 is not a unit of units-2025\.csv/,
      ],
      [
        'a successor pair given twice',
        { successors: [...SUCCESSORS, '31169,31174'] },
        /^successors-2025\.csv line 5: the pair 31169 → 31174 appears twice/,
      ],
      [
        'a bad header in a unit file',
        { after: withLine(AFTER, 1, 'code,name,level,kind,parent_code') },
        /^units-2025\.csv line 1: the header must be code,name,level,subtype,parent_code, not code,name,level,kind,parent_code/,
      ],
      [
        'a bad header in the successor file',
        { successors: withLine(SUCCESSORS, 1, 'old,new') },
        /^successors-2025\.csv line 1: the header must be old_code,new_code/,
      ],
      [
        'a row with too few columns',
        { before: withLine(BEFORE, 4, '31168,Phường Bình Thủy,commune') },
        /^units-2024\.csv line 4: /,
      ],
    ];

    it.each(cases)('%s', (_name, changes, message) => {
      expect(errorOf(() => parseReferenceData(files(changes))).message).toMatch(message);
    });
  });
});
