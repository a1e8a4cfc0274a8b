import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SYSTEM_ACTOR } from '@app/platform';
import {
  AdminUnitDto,
  AdminUnitsService,
  importAdminUnits,
  readReferenceData,
  ReferenceDataError,
} from '@app/registry';
import { Caller, startTestApp, TestApp } from './support/test-app';
import { signedInAccount } from './support/world';

const FIXTURE = path.join(__dirname, 'fixtures', 'admin-units-small');

/** The eight wards of quận Bình Thủy (918) before 1 July 2025. */
const BINH_THUY_WARDS = ['31168', '31169', '31171', '31174', '31177', '31178', '31180', '31183'];

/** Their successors in the fixture (NQ 1668/NQ-UBTVQH15): new wards of Cần Thơ (92). */
const SUCCESSOR_CODES: Record<string, string[]> = {
  '31168': ['31168'],
  '31169': ['31174'],
  '31171': ['31174'],
  '31174': ['31174'],
  '31177': ['31168'],
  '31178': ['31120', '31168'],
  '31180': ['31183'],
  '31183': ['31150', '31183'],
};

interface Page {
  items: AdminUnitDto[];
  total: number;
}

describe('Import of the official administrative units (small real fixture)', () => {
  let t: TestApp;
  let as: Caller;
  let tmp: string;

  const counts = async () => {
    const [row] = await t.dataSource.query<{ units: string; links: string }[]>(
      `SELECT (SELECT count(*) FROM admin_unit) AS units,
              (SELECT count(*) FROM admin_unit_successor) AS links`,
    );
    return { units: Number(row.units), links: Number(row.links) };
  };
  const list = async (query: string): Promise<Page> =>
    (await as.get(`/api/v1/admin-units?${query}&pageSize=100`).expect(200)).body as Page;

  beforeAll(async () => {
    t = await startTestApp();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'st-tracker-import-'));
    ({ as } = await signedInAccount(t, {
      username: 'import.reader',
      fullName: 'Import reader',
      role: 'leadership',
    }));
  });
  afterAll(async () => {
    await t?.close();
    if (tmp) await fs.rm(tmp, { recursive: true, force: true });
  });

  it('writes nothing on a dry run, yet counts what it would do', async () => {
    expect(await counts()).toEqual({ units: 0, links: 0 });
    const summary = await importAdminUnits(t.dataSource, await readReferenceData(FIXTURE), {
      dryRun: true,
    });
    expect(summary).toEqual({
      inserted: 16,
      updated: 0,
      unchanged: 0,
      successorsAdded: 11,
      successorsRemoved: 0,
      dryRun: true,
    });
    expect(await counts()).toEqual({ units: 0, links: 0 });
  });

  it('inserts the fixture: 10 units before the reform, 6 after, 11 successor links', async () => {
    const data = await readReferenceData(FIXTURE);
    expect(data.units.filter((u) => u.era === 'before')).toHaveLength(10);
    expect(data.units.filter((u) => u.era === 'after')).toHaveLength(6);
    const summary = await importAdminUnits(t.dataSource, data);
    expect(summary).toEqual({
      inserted: 16,
      updated: 0,
      unchanged: 0,
      successorsAdded: 11,
      successorsRemoved: 0,
      dryRun: false,
    });
    expect(await counts()).toEqual({ units: 16, links: 11 });
  });

  it('changes nothing the second time', async () => {
    const [before] = await t.dataSource.query<{ versions: string; updated: Date }[]>(
      'SELECT sum(version) AS versions, max(updated_at) AS updated FROM admin_unit',
    );
    const summary = await importAdminUnits(t.dataSource, await readReferenceData(FIXTURE));
    expect(summary).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 16,
      successorsAdded: 0,
      successorsRemoved: 0,
      dryRun: false,
    });
    expect(await counts()).toEqual({ units: 16, links: 11 });
    const [after] = await t.dataSource.query<{ versions: string; updated: Date }[]>(
      'SELECT sum(version) AS versions, max(updated_at) AS updated FROM admin_unit',
    );
    expect(after).toEqual(before);
  });

  it('on 2023-08-08 finds quận Bình Thủy (918), and its eight wards list it as parent', async () => {
    const found = await list(`q=${encodeURIComponent('binh thuy')}&validOn=2023-08-08`);
    const district = found.items.find((u) => u.code === '918');
    expect(district).toMatchObject({
      name: 'Quận Bình Thủy',
      level: 'district',
      subtype: 'quan',
      validFrom: null,
      validTo: '2025-06-30',
    });
    // Only units in force then: the district and the ward of the same name, not the 2025 ward.
    expect(found.items.map((u) => `${u.level} ${u.code}`).sort()).toEqual([
      'commune 31168',
      'district 918',
    ]);
    expect(found.items.every((u) => u.validTo === '2025-06-30')).toBe(true);

    const wards = await list(`parentId=${district!.id}&validOn=2023-08-08&sort=code`);
    expect(wards.items.map((u) => u.code)).toEqual(BINH_THUY_WARDS);
    for (const ward of wards.items) {
      expect(ward).toMatchObject({ level: 'commune', subtype: 'phuong', parentId: district!.id });
    }
    const names = wards.items.map((u) => u.name);
    expect(names).toContain('Phường Thới An Đông');
    expect(names).toContain('Phường Bùi Hữu Nghĩa');
    const province = (await as.get(`/api/v1/admin-units/${district!.parentId}`).expect(200))
      .body as AdminUnitDto;
    expect(province).toMatchObject({ code: '92', name: 'Thành phố Cần Thơ', level: 'province' });
  });

  it('on 2025-08-01 the district level is gone and the wards’ successors are listed', async () => {
    const districts = await list('level=district&validOn=2025-08-01');
    expect(districts.total).toBe(0);
    const found = await list(`q=${encodeURIComponent('binh thuy')}&validOn=2025-08-01`);
    expect(found.items.map((u) => `${u.level} ${u.code}`)).toEqual(['commune 31168']);
    expect(found.items[0].validFrom).toBe('2025-07-01');

    const oldWards = await list('level=commune&validOn=2023-08-08');
    const now = await list('validOn=2025-08-01');
    const codeOf = new Map(now.items.map((u) => [u.id, u.code]));
    const province2025 = now.items.find((u) => u.code === '92')!;
    expect(province2025.level).toBe('province');
    for (const ward of oldWards.items) {
      // Every successor is a unit in force on 2025-08-01, directly under the new Cần Thơ.
      const successors = ward.successorIds.map((id) => codeOf.get(id));
      expect([ward.code, successors.sort()]).toEqual([ward.code, SUCCESSOR_CODES[ward.code]]);
    }
    for (const unit of now.items.filter((u) => u.level === 'commune')) {
      expect(unit.parentId).toBe(province2025.id);
      expect(unit.predecessorIds.length).toBeGreaterThan(0);
    }
    // The old province is succeeded by the new one of the same code.
    const oldProvince = (await list('code=92&validOn=2023-08-08')).items[0];
    expect(oldProvince.successorIds).toEqual([province2025.id]);
  });

  it('rejects a file with a bad row, naming its line, and writes nothing', async () => {
    const bad = path.join(tmp, 'bad-row');
    await fs.cp(FIXTURE, bad, { recursive: true });
    const file = path.join(bad, 'units-2025.csv');
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    // Line 5 (the header is line 1): a ward whose parent is not in the file.
    lines[4] = lines[4].replace(/,92$/, ',93');
    await fs.writeFile(file, lines.join('\n'));
    // And a new unit elsewhere that must not be written either.
    await fs.appendFile(file, '31999,Phường Mới,commune,phuong,92\n');

    const before = await counts();
    const error = await readReferenceData(bad)
      .then((data) => importAdminUnits(t.dataSource, data))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReferenceDataError);
    expect((error as Error).message).toBe(
      'units-2025.csv line 5: parent_code 93 is not a unit of this file',
    );
    expect(await counts()).toEqual(before);
  });

  it('says which code clashes with a unit entered by hand, and writes nothing', async () => {
    // A unit entered by hand in 2026 with a code the official list uses in the same period.
    const tampered = path.join(tmp, 'clash');
    await fs.cp(FIXTURE, tampered, { recursive: true });
    await fs.appendFile(
      path.join(tampered, 'units-2025.csv'),
      '31997,Phường Chưa Có,commune,phuong,92\n31998,Phường Trùng,commune,phuong,92\n',
    );
    const units = t.app.get(AdminUnitsService);
    const province = (await list('code=92&validOn=2025-08-01')).items[0];
    await units.create(SYSTEM_ACTOR, {
      code: '31998',
      name: 'Phường Nhập Tay',
      level: 'commune',
      subtype: 'phuong',
      parentId: province.id,
      validFrom: '2026-01-01',
    });
    const before = await counts();
    const error = await importAdminUnits(t.dataSource, await readReferenceData(tampered)).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ReferenceDataError);
    expect((error as Error).message).toMatch(/already uses a code of the official list.*31998/);
    expect((error as Error).message).toMatch(/Nothing was written/);
    expect(await counts()).toEqual(before);
    expect((await list('code=31997')).total).toBe(0);
  });

  it('rolls back the units it wrote when a later step fails', async () => {
    // New units are inserted first, successor links after: make the link insert fail.
    const extended = path.join(tmp, 'late-failure');
    await fs.cp(FIXTURE, extended, { recursive: true });
    await fs.appendFile(
      path.join(extended, 'units-2024.csv'),
      '31185,Phường Thử Nghiệm,commune,phuong,918\n',
    );
    await fs.appendFile(path.join(extended, 'successors-2025.csv'), '31185,31174\n');
    await t.dataSource.query(`
      CREATE FUNCTION e2e_refuse_link() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
      CREATE TRIGGER e2e_refuse_link BEFORE INSERT ON admin_unit_successor
        FOR EACH STATEMENT EXECUTE FUNCTION e2e_refuse_link();`);
    try {
      const before = await counts();
      const error = await importAdminUnits(t.dataSource, await readReferenceData(extended)).catch(
        (e: unknown) => e,
      );
      expect((error as Error).message).toMatch(/refused by the test/);
      expect(await counts()).toEqual(before);
      expect((await list('code=31185')).total).toBe(0);
    } finally {
      await t.dataSource.query(`
        DROP TRIGGER e2e_refuse_link ON admin_unit_successor;
        DROP FUNCTION e2e_refuse_link();`);
    }
  });
});
