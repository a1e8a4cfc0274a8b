// The province's ten years as rows: who is who (organisations, people, programmes), then the
// activity (IP registrations, enterprises, projects, working sessions and their tasks), each with
// the audit events its history leaves (a create per record and one per status change or progress
// report of a top-level record, certificates and support needs included; participants, minutes
// and households, written in bulk, leave none here). Every row keeps the rules the app relies on:
// the CHECKs, the unique keys, the status machines, versions that count the audited changes.
const path = require('node:path');
const { stream, split } = require('./random');
const { instant, dateText: date } = require('./copy');
const P = require('./pools');

const DIST = path.resolve(__dirname, '..', '..', 'dist');
const { replayEvents } = require(path.join(DIST, 'libs', 'ip', 'src', 'rules', 'ip-lifecycle.js'));
const { addMonths } = require(path.join(DIST, 'libs', 'ip', 'src', 'rules', 'ip-dates.js'));
const { taxCodeCheckDigit } = require(
  path.join(DIST, 'libs', 'enterprises', 'src', 'validation', 'tax-code.js'),
);
const { phoneProblem } = require(
  path.join(DIST, 'libs', 'enterprises', 'src', 'validation', 'phone.js'),
);

const SCALES = {
  full: {
    people: 2000,
    sessions: 100_000,
    tasks: 1_000_000,
    ipRegistrations: 20_000,
    enterprises: 5_000,
    projects: 5_000,
    households: 200_000,
  },
  smoke: {
    people: 200,
    sessions: 100,
    tasks: 1_000,
    ipRegistrations: 20,
    enterprises: 5,
    projects: 5,
    households: 200,
  },
};

const DAY_MS = 86_400_000;
const day = (text) => Math.round(Date.parse(`${text}T00:00:00Z`) / DAY_MS);
/** Epoch ms of a moment on day `n` at `minutes` past midnight in Viet Nam. */
const at = (n, minutes) => n * DAY_MS + minutes * 60_000 - 7 * 3_600_000;
const dayOfInstant = (ms) => Math.floor((ms + 7 * 3_600_000) / DAY_MS);
const yearOf = (n) => Number(date(n).slice(0, 4));

/** The district the bench's district officer answers for (quận Bình Thủy). */
const OFFICER_DISTRICT = '918';
const START = day('2016-01-04');
/** The last day of the generated history: nothing happens after it. */
const END = day('2025-12-31');
/** The last day of the old units (before the 1 July 2025 reorganisation). */
const OLD_UNITS_END = day('2025-06-30');

const TRACKED = ['id', 'created_at', 'updated_at', 'version', 'created_by', 'updated_by'];

/** The tables loaded, in the order of their columns as the generator writes them. */
const TABLES = {
  organisation: [...TRACKED, 'name', 'short_name', 'kind', 'admin_unit_id', 'parent_id'],
  person: [...TRACKED, 'full_name', 'position', 'organisation_id', 'email', 'phone'],
  programme: [
    ...TRACKED,
    'code',
    'name',
    'owner_organisation_id',
    'start_year',
    'end_year',
    'description',
  ],
  working_session: [
    ...TRACKED,
    'kind',
    'title',
    'starts_at',
    'venue',
    'host_admin_unit_id',
    'reporting_year',
    'period_label',
    'topics',
    'summary',
    'status',
    'status_note',
    'cancel_reason',
  ],
  session_participant: [...TRACKED, 'session_id', 'person_id', 'organisation_id', 'role', 'note'],
  session_record: [...TRACKED, 'session_id', 'type', 'text', 'participant_id', 'position'],
  task: [
    ...TRACKED,
    'title',
    'description',
    'lead_organisation_id',
    'assigned_by_person_id',
    'due_date',
    'priority',
    'source_session_id',
    'source_record_id',
    'subject_type',
    'subject_id',
    'status',
    'percent',
    'percent_floor',
    'completion_note',
    'cancel_reason',
    'status_note',
    'completed_at',
  ],
  task_co_organisation: ['task_id', 'organisation_id'],
  task_update: [...TRACKED, 'task_id', 'note', 'percent'],
  ip_registration: [
    ...TRACKED,
    'kind',
    'name',
    'product',
    'nice_classes',
    'owner_organisation_id',
    'admin_unit_id',
    'supporting_organisation_id',
    'programme_id',
    'support_year',
    'notes',
    'status',
    'status_since',
    'application_number',
    'filing_date',
    'accepted_on',
    'published_on',
    'certificate_number',
    'grant_date',
    'expires_on',
    'renewal_count',
    'renewal_opens_on',
    'renewal_closes_on',
    'examination_stage',
    'examination_due_on',
  ],
  ip_event: [
    ...TRACKED,
    'registration_id',
    'sequence',
    'type',
    'date',
    'application_number',
    'certificate_number',
    'reference',
    'note',
    'voids_event_id',
    'reason',
  ],
  enterprise: [
    ...TRACKED,
    'name',
    'tax_code',
    'legal_form',
    'address',
    'admin_unit_id',
    'sector',
    'contact_name',
    'phone',
    'email',
    'website',
  ],
  st_enterprise_certificate: [
    ...TRACKED,
    'enterprise_id',
    'certificate_number',
    'issued_on',
    'issuer_organisation_id',
    'st_result',
    'status',
    'ended_on',
    'end_reason',
  ],
  support_need: [
    ...TRACKED,
    'enterprise_id',
    'category',
    'description',
    'reported_on',
    'status',
    'confirmed_on',
    'confirmation_note',
    'resolved_on',
    'resolution_note',
  ],
  project: [
    ...TRACKED,
    'kind',
    'title',
    'description',
    'programme_id',
    'lead_organisation_id',
    'status',
    'planned_start',
    'planned_end',
    'actual_start',
    'actual_end',
    'state_budget',
    'counterpart_budget',
    'other_budget',
    'decision_number',
    'decision_date',
    'status_note',
    'cancel_reason',
  ],
  project_admin_unit: ['project_id', 'admin_unit_id'],
  project_partner: ['project_id', 'organisation_id'],
  project_participant: [
    ...TRACKED,
    'project_id',
    'kind',
    'name',
    'admin_unit_id',
    'area_m2',
    'contact',
    'note',
    'status',
    'selected_by_organisation_id',
    'selected_on',
    'withdraw_reason',
    'status_note',
  ],
  project_indicator: [
    ...TRACKED,
    'project_id',
    'name',
    'unit',
    'target',
    'actual',
    'measured_on',
    'note',
  ],
  audit_event: [
    'id',
    'seq',
    'at',
    'actor_id',
    'entity_type',
    'entity_id',
    'action',
    'before',
    'after',
    'request_id',
  ],
};

/** Adds a row; the producers let the server catch up (`tables.settle()`) between records. */
function put(table, values) {
  table.add(values);
}

/** Writes the audit trail: one stream of events, numbered in the order written. */
class Audit {
  constructor(table, random) {
    this.table = table;
    this.random = random;
    this.seq = 0;
  }

  write(ms, actorId, entityType, entityId, action, before, after) {
    this.seq++;
    this.table.add([
      this.random.uuid(),
      this.seq,
      instant(ms),
      actorId,
      entityType,
      entityId,
      action,
      before === null ? null : JSON.stringify(before),
      after === null ? null : JSON.stringify(after),
      null,
    ]);
  }
}

/** The short form of a unit's name as text uses it: "quận Bình Thủy", "phường An Hòa". */
function lowerFirst(name) {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** The place part of a unit's name: "Bình Thủy" of "Quận Bình Thủy". */
function placeName(name) {
  return name.replace(/^(Quận|Huyện|Phường|Xã|Thị trấn|Thành phố|Thị xã)\s+/, '');
}

function slug(text) {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const MOBILE_PREFIXES = [
  '090',
  '091',
  '093',
  '094',
  '096',
  '097',
  '098',
  '070',
  '076',
  '077',
  '079',
  '083',
  '084',
  '085',
  '086',
  '088',
  '089',
  '032',
  '033',
  '035',
  '039',
];

function phone(random) {
  const text = random.chance(0.8)
    ? `${random.pick(MOBILE_PREFIXES)}${random.int(1, 9)} ${String(random.int(0, 999)).padStart(3, '0')} ${String(random.int(0, 999)).padStart(3, '0')}`
    : `0292 3${String(random.int(0, 999)).padStart(3, '0')} ${String(random.int(0, 999)).padStart(3, '0')}`;
  const problem = phoneProblem(text);
  if (problem) throw new Error(`The generator made an invalid phone number ${text}: ${problem}`);
  return text;
}

/**
 * Who is who: the Department with its offices and centres, each district's People's Committee and
 * offices, commune committees, institutes, cooperatives, companies and associations (about 200),
 * their people, the programmes, and the bench accounts' bindings.
 */
function planRegistry(seed, scale, units) {
  const random = stream(seed, 'registry');
  const ids = stream(seed, 'registry-ids');
  const created = at(day('2015-12-01'), 9 * 60);
  const orgs = [];
  const org = (fields) => {
    const o = { id: ids.uuid(), shortName: null, adminUnitId: null, parentId: null, ...fields };
    orgs.push(o);
    return o;
  };
  const department = org({
    name: 'Sở Khoa học và Công nghệ thành phố Cần Thơ',
    shortName: 'Sở KH&CN TP. Cần Thơ',
    kind: 'department',
    adminUnitId: units.provinceNow.id,
  });
  const departmentUnits = P.DEPARTMENT_UNITS.map(([name, shortName]) =>
    org({
      name,
      shortName,
      kind: 'department_unit',
      adminUnitId: units.provinceNow.id,
      parentId: department.id,
    }),
  );
  const byName = (short) => departmentUnits.find((u) => u.shortName === short);
  const applicationCentre = byName('Trung tâm Ứng dụng Tiến bộ KH&CN');
  const institutes = P.INSTITUTES.map(([name, shortName, kind]) =>
    org({ name, shortName, kind, adminUnitId: units.district('916').id }),
  );

  const districts = units.districts.map((d) => {
    const place = lowerFirst(d.name);
    const committee = org({
      name: `Ủy ban nhân dân ${place}`,
      shortName: `UBND ${place}`,
      kind: 'district_committee',
      adminUnitId: d.id,
    });
    const offices = (
      d.subtype === 'quan'
        ? ['Phòng Kinh tế', 'Phòng Tài nguyên và Môi trường']
        : ['Phòng Nông nghiệp và Phát triển nông thôn', 'Phòng Kinh tế và Hạ tầng']
    ).map((name) =>
      org({
        name: `${name} ${place}`,
        shortName: name,
        kind: 'district_office',
        adminUnitId: d.id,
        parentId: committee.id,
      }),
    );
    const communes = d.communes.map((c) => ({
      ...c,
      committee: org({
        name: `Ủy ban nhân dân ${lowerFirst(c.name)}`,
        shortName: `UBND ${lowerFirst(c.name)}`,
        kind: 'commune_committee',
        adminUnitId: c.id,
        parentId: committee.id,
      }),
    }));
    return { ...d, place, committee, offices, communes, locals: [] };
  });
  // Cooperatives, companies and associations, spread over the districts' communes.
  const allCommunes = districts.flatMap((d) => d.communes.map((c) => ({ d, c })));
  for (let i = 0; i < 34; i++) {
    const { d, c } = allCommunes[(i * 7) % allCommunes.length];
    const [product] = random.pick(P.PRODUCTS);
    d.locals.push(
      org({
        name: `Hợp tác xã ${product} ${placeName(c.name)}`,
        shortName: null,
        kind: 'cooperative',
        adminUnitId: c.id,
      }),
    );
  }
  for (let i = 0; i < 14; i++) {
    const { d, c } = allCommunes[(i * 11 + 3) % allCommunes.length];
    d.locals.push(
      org({
        name: `Công ty TNHH ${P.COMPANY_WORDS[i % P.COMPANY_WORDS.length]} ${placeName(d.name)}`,
        kind: 'enterprise',
        adminUnitId: c.id,
      }),
    );
  }
  for (let i = 0; i < P.ASSOCIATIONS.length; i++) {
    const d = districts[i % districts.length];
    d.locals.push(
      org({ name: `${P.ASSOCIATIONS[i]} ${d.place}`, kind: 'association', adminUnitId: d.id }),
    );
  }

  // People: the Department's leaders first, then staff weighted by kind of organisation.
  const WEIGHT = {
    department: 0,
    department_unit: 30,
    district_committee: 12,
    district_office: 8,
    commune_committee: 3,
    university: 4,
    research_institute: 4,
    enterprise: 3,
    cooperative: 2,
    association: 2,
  };
  const POSITIONS = {
    department_unit: [
      'Trưởng phòng',
      'Phó Trưởng phòng',
      'Chuyên viên',
      'Chuyên viên',
      'Chuyên viên',
    ],
    district_committee: ['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Chuyên viên'],
    district_office: ['Trưởng phòng', 'Phó Trưởng phòng', 'Chuyên viên'],
    commune_committee: ['Chủ tịch UBND', 'Phó Chủ tịch UBND', 'Công chức'],
    university: ['Giảng viên', 'Trưởng khoa'],
    research_institute: ['Nghiên cứu viên', 'Viện trưởng'],
    enterprise: ['Giám đốc', 'Phó Giám đốc'],
    cooperative: ['Chủ nhiệm HTX', 'Thành viên HTX'],
    association: ['Chủ tịch Hội', 'Hội viên'],
  };
  const people = [];
  const person = (organisation, position) => {
    const { name } = P.personName(random);
    const p = {
      id: ids.uuid(),
      fullName: name,
      position,
      organisationId: organisation.id,
      email: random.chance(0.4) ? `${slug(name)}${random.int(1, 99)}@cantho.gov.vn` : null,
      phone: random.chance(0.5) ? phone(random) : null,
    };
    people.push(p);
    (organisation.people ??= []).push(p);
    return p;
  };
  person(department, 'Giám đốc Sở');
  for (let i = 0; i < 3; i++) person(department, 'Phó Giám đốc Sở');
  const weighted = orgs.filter((o) => WEIGHT[o.kind] > 0).map((o) => [WEIGHT[o.kind], o]);
  // Every organisation with a weight gets its head first, then the rest by weight.
  for (const [, o] of weighted) {
    if (people.length < scale.people) person(o, POSITIONS[o.kind][0]);
  }
  while (people.length < scale.people) {
    const o = random.weighted(weighted);
    person(o, random.pick(POSITIONS[o.kind]));
  }

  const programmes = [
    [
      'SHTT-2016-2020',
      'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ giai đoạn 2016–2020',
      2016,
      2020,
      'ip',
    ],
    [
      'SHTT-2021-2025',
      'Chương trình phát triển tài sản trí tuệ TP. Cần Thơ giai đoạn 2021–2025',
      2021,
      2025,
      'ip',
    ],
    [
      'DMCN-2016-2020',
      'Chương trình đổi mới công nghệ TP. Cần Thơ đến năm 2020',
      2016,
      2020,
      'tech',
    ],
    [
      'DMCN-2021-2025',
      'Chương trình đổi mới công nghệ TP. Cần Thơ giai đoạn 2021–2025',
      2021,
      2025,
      'tech',
    ],
    [
      'NTM-KHCN-2016-2025',
      'Chương trình ứng dụng KH&CN phục vụ xây dựng nông thôn mới giai đoạn 2016–2025',
      2016,
      2025,
      'agri',
    ],
    [
      'DNKHCN-2021-2025',
      'Chương trình hỗ trợ phát triển doanh nghiệp khoa học và công nghệ giai đoạn 2021–2025',
      2021,
      2025,
      'tech',
    ],
  ].map(([code, name, startYear, endYear, area]) => ({
    id: ids.uuid(),
    code,
    name,
    startYear,
    endYear,
    area,
  }));
  const programmeFor = (area, year) =>
    programmes.find((p) => p.area === area && p.startYear <= year && year <= p.endYear) ?? null;

  return {
    created,
    orgs,
    people,
    programmes,
    programmeFor,
    department,
    departmentUnits,
    applicationCentre,
    institutes,
    districts,
    leaders: department.people,
  };
}

/**
 * The district of record `n`: the first of each kind lies in the officer's district, so that
 * even the smoke scale has samples there; then by weight.
 */
function districtOf(random, weights, n) {
  const district = random.weighted(weights);
  return n === 0
    ? (weights.find(([, d]) => d.code === OFFICER_DISTRICT)?.[1] ?? district)
    : district;
}

/** District weights: the city's core districts hold more of the activity. */
function districtWeights(districts) {
  const extra = { 916: 1.8, 918: 1.3, 919: 1.2 };
  return districts.map((d) => [(extra[d.code] ?? 1) * (1 + d.communes.length / 10), d]);
}

async function writeRegistry(tables, audit, registry, actors) {
  const { created } = registry;
  const system = null;
  for (const o of registry.orgs) {
    put(tables.organisation, [
      o.id,
      instant(created),
      instant(created),
      1,
      actors.staff,
      actors.staff,
      o.name,
      o.shortName,
      o.kind,
      o.adminUnitId,
      o.parentId,
    ]);
    audit.write(created, actors.staff, 'organisation', o.id, 'create', null, {
      id: o.id,
      name: o.name,
      kind: o.kind,
      version: 1,
    });
  }
  for (const p of registry.people) {
    put(tables.person, [
      p.id,
      instant(created),
      instant(created),
      1,
      actors.staff,
      actors.staff,
      p.fullName,
      p.position,
      p.organisationId,
      p.email,
      p.phone,
    ]);
    audit.write(created, actors.staff, 'person', p.id, 'create', null, {
      id: p.id,
      fullName: p.fullName,
      version: 1,
    });
  }
  await tables.settle();
  for (const g of registry.programmes) {
    put(tables.programme, [
      g.id,
      instant(created),
      instant(created),
      1,
      actors.staff,
      actors.staff,
      g.code,
      g.name,
      registry.department.id,
      g.startYear,
      g.endYear,
      null,
    ]);
    audit.write(created, actors.staff, 'programme', g.id, 'create', null, {
      id: g.id,
      code: g.code,
      name: g.name,
      version: 1,
    });
  }
  void system;
}

/** Who the generated history's changes are by: the bench accounts. */
function tracked(id, createdMs, updatedMs, version, createdBy, updatedBy = createdBy) {
  return [id, instant(createdMs), instant(updatedMs), version, createdBy, updatedBy];
}

/**
 * IP registrations: each a path through the lifecycle (filed, accepted, published, granted, a few
 * renewed, refused or withdrawn, some with a mistaken event voided), its state replayed by the
 * app's own rules, application and certificate numbers in the office's forms, unique.
 */
async function writeIp(tables, audit, seed, scale, registry, actors) {
  const random = stream(seed, 'ip');
  const ids = stream(seed, 'ip-ids');
  const weights = districtWeights(registry.districts);
  const serials = new Map();
  let grants = 0;
  const KINDS = [
    [35, 'trademark'],
    [45, 'collective_mark'],
    [12, 'certification_mark'],
    [8, 'geographical_indication'],
  ];
  const FATES = [
    [5, 'preparing'],
    [4, 'filed'],
    [4, 'formality_accepted'],
    [10, 'published'],
    [62, 'granted'],
    [3, 'formality_refused'],
    [3, 'refused'],
    [5, 'withdrawn'],
  ];
  const ORDER = ['filed', 'formality_accepted', 'published', 'granted'];
  for (let n = 0; n < scale.ipRegistrations; n++) {
    const district = districtOf(random, weights, n);
    const commune = random.chance(0.75) ? random.pick(district.communes) : null;
    const unit = commune ?? district;
    const kind = random.weighted(KINDS);
    const [product, niceClasses] = random.pick(P.PRODUCTS);
    const name = `${product} ${placeName(unit.name)}`;
    const supportYear = random.int(2016, 2025);
    const createdDay = day(`${supportYear}-01-01`) + random.int(0, 150);
    const locals = [...district.locals, ...(commune ? [commune.committee] : [])];
    let fate = random.weighted(FATES);
    const owner = fate === 'preparing' && random.chance(0.5) ? null : random.pick(locals);
    const supporting = random.chance(0.7) ? district.committee : null;
    const programme = random.chance(0.6) ? registry.programmeFor('ip', supportYear) : null;
    const id = ids.uuid();
    // The dated steps, cut where the history ends (the units changed on 1 July 2025).
    const events = [];
    let d = createdDay + random.int(10, 120);
    if (fate !== 'preparing' && d > OLD_UNITS_END) fate = 'preparing';
    const steps = {
      filed: 0,
      formality_accepted: 1,
      published: 2,
      granted: 3,
      formality_refused: 1,
      refused: 3,
      withdrawn: random.int(1, 3),
    };
    const last = fate === 'preparing' ? -1 : steps[fate];
    const gaps = [0, random.int(20, 45), random.int(40, 75), random.int(150, 400)];
    for (let s = 0; s <= last && fate !== 'preparing'; s++) {
      d += gaps[s];
      if (d > END) break;
      let type = ORDER[s];
      if (s === last && ['formality_refused', 'refused', 'withdrawn'].includes(fate)) type = fate;
      const event = { type, date: date(d) };
      if (type === 'filed') {
        const year = date(d).slice(0, 4);
        const serial = (serials.get(year) ?? 100) + random.int(1, 5);
        serials.set(year, serial);
        event.applicationNumber = `${kind === 'geographical_indication' ? 6 : 4}-${year}-${String(serial).padStart(5, '0')}`;
      }
      if (type === 'granted') {
        grants++;
        event.certificateNumber =
          kind === 'geographical_indication'
            ? String(grants).padStart(5, '0')
            : String(400000 + grants * 3 + random.int(0, 2));
        event.reference = `Quyết định số ${random.int(1000, 99999)}/QĐ-SHTT`;
      }
      if (type === 'published') event.reference = `Công báo SHCN số ${random.int(300, 460)} tập A`;
      if (type === 'withdrawn') event.note = 'Chủ đơn rút đơn đăng ký.';
      events.push(event);
      // Now and then a mistaken event recorded after the filing, and voided a few days later.
      if (type === 'filed' && random.chance(0.02)) {
        events.push({ type: 'withdrawn', date: date(d + 3), mistaken: true });
        events.push({
          type: 'voided',
          date: date(d + 5),
          voids: events.length - 1,
          reason: 'Ghi nhầm sự kiện, đơn không rút.',
        });
      }
    }
    // A mark granted long enough ago is renewed in its window (its term ends ten years from filing).
    const live = () => events.filter((e) => e.type !== 'voided' && !e.mistaken);
    let state = replayEvents(kind, live());
    if (state.status === 'granted' && state.renewalOpensOn !== null && random.chance(0.6)) {
      const opens = day(state.renewalOpensOn);
      const renewDay = Math.max(opens, day(state.statusSince)) + random.int(0, 60);
      if (renewDay <= END && renewDay <= day(state.renewalClosesOn)) {
        events.push({
          type: 'renewed',
          date: date(renewDay),
          reference: `Quyết định gia hạn số ${random.int(100, 9999)}/QĐ-SHTT`,
        });
        state = replayEvents(kind, live());
      }
    }
    const eventIds = events.map(() => ids.uuid());
    const createdMs = at(createdDay, 8 * 60 + random.int(0, 540));
    let updatedMs = createdMs;
    audit.write(createdMs, actors.staff, 'ip_registration', id, 'create', null, {
      id,
      name,
      kind,
      status: 'preparing',
      version: 1,
    });
    let version = 1;
    for (let e = 0; e < events.length; e++) {
      const event = events[e];
      const eventMs = Math.max(
        at(day(event.date), 9 * 60 + random.int(0, 480)),
        updatedMs + 60_000,
      );
      put(tables.ip_event, [
        ...tracked(eventIds[e], eventMs, eventMs, 1, actors.staff),
        id,
        e + 1,
        event.type,
        event.date,
        event.applicationNumber ?? null,
        event.certificateNumber ?? null,
        event.reference ?? null,
        event.note ?? null,
        event.type === 'voided' ? eventIds[event.voids] : null,
        event.reason ?? null,
      ]);
      audit.write(eventMs, actors.staff, 'ip_registration', id, event.type, null, {
        date: event.date,
      });
      version++;
      updatedMs = eventMs;
    }
    put(tables.ip_registration, [
      ...tracked(id, createdMs, updatedMs, version, actors.staff),
      kind,
      name,
      product,
      niceClasses,
      owner?.id ?? null,
      unit.id,
      supporting?.id ?? null,
      programme?.id ?? null,
      supportYear,
      null,
      state.status,
      state.statusSince,
      state.applicationNumber,
      state.filingDate,
      state.acceptedOn,
      state.publishedOn,
      state.certificateNumber,
      state.grantDate,
      state.expiresOn,
      state.renewalCount,
      state.renewalOpensOn,
      state.renewalClosesOn,
      state.examinationStage,
      state.examinationDueOn,
    ]);
    await tables.settle();
  }
}

/** Enterprises with valid tax codes (Cần Thơ's prefix 18), their S&T certificates and needs. */
async function writeEnterprises(tables, audit, seed, scale, registry, actors) {
  const random = stream(seed, 'enterprises');
  const ids = stream(seed, 'enterprise-ids');
  const weights = districtWeights(registry.districts);
  const FORMS = [
    [50, ['llc', 'Công ty TNHH']],
    [25, ['joint_stock', 'Công ty Cổ phần']],
    [10, ['private', 'Doanh nghiệp tư nhân']],
    [10, ['cooperative', 'Hợp tác xã']],
    [2, ['partnership', 'Công ty Hợp danh']],
    [3, ['other', 'Chi nhánh']],
  ];
  const CATEGORIES = Object.keys(P.NEED_TEXTS);
  let sequence = 1000;
  let certificates = 0;
  for (let n = 0; n < scale.enterprises; n++) {
    const district = districtOf(random, weights, n);
    const commune = random.chance(0.85) ? random.pick(district.communes) : null;
    const unit = commune ?? district;
    const [legalForm, prefix] = random.weighted(FORMS);
    const sector = random.pick(P.SECTORS);
    const name = `${prefix} ${sector} ${random.pick(P.COMPANY_WORDS)} ${random.pick(P.COMPANY_WORDS)}`;
    let taxCode = null;
    while (taxCode === null) {
      sequence += random.int(1, 40);
      const nine = `18${String(sequence).padStart(7, '0')}`;
      const check = taxCodeCheckDigit(nine);
      if (check !== null) taxCode = `${nine}${check}`;
    }
    const street = random.pick(P.STREETS);
    const address = `Số ${random.int(1, 450)}, đường ${street}, ${commune ? `${lowerFirst(commune.name)}, ` : ''}${district.place}, TP. Cần Thơ`;
    const id = ids.uuid();
    const createdDay = START + random.int(0, END - START - 400);
    const createdMs = at(createdDay, 8 * 60 + random.int(0, 540));
    const contact = P.personName(random).name;
    put(tables.enterprise, [
      ...tracked(id, createdMs, createdMs, 1, actors.staff),
      name,
      taxCode,
      legalForm,
      address,
      unit.id,
      sector,
      contact,
      random.chance(0.8) ? phone(random) : null,
      random.chance(0.5) ? `lienhe@${slug(name).slice(-20)}.vn` : null,
      random.chance(0.2) ? `https://www.${slug(name).slice(-20)}.vn` : null,
    ]);
    audit.write(createdMs, actors.staff, 'enterprise', id, 'create', null, {
      id,
      name,
      taxCode,
      version: 1,
    });

    // One certificate, now and then a second after the first ended.
    let issued = createdDay + random.int(30, 400);
    const held = random.chance(0.1) ? 2 : 1;
    for (let c = 0; c < held && issued <= END; c++) {
      certificates++;
      const certificateId = ids.uuid();
      const fate =
        c === 0 && random.chance(0.1)
          ? 'expired'
          : random.weighted([
              [80, 'valid'],
              [8, 'revoked'],
              [12, 'expired'],
            ]);
      let ended = fate === 'valid' ? null : issued + random.int(200, 2000);
      if (ended !== null && ended > END) ended = null;
      const status = ended === null ? 'valid' : fate;
      const issuedMs = at(issued, 10 * 60);
      const endedMs = ended === null ? issuedMs : at(ended, 10 * 60);
      const number = `${String(certificates).padStart(4, '0')}/${yearOf(issued)}/DNKHCN`;
      put(tables.st_enterprise_certificate, [
        ...tracked(certificateId, issuedMs, endedMs, ended === null ? 1 : 2, actors.staff),
        id,
        number,
        date(issued),
        registry.department.id,
        `Kết quả KH&CN: quy trình ${lowerFirst(sector)} được công nhận`,
        status,
        ended === null ? null : date(ended),
        ended === null
          ? null
          : status === 'revoked'
            ? 'Không duy trì điều kiện chứng nhận.'
            : 'Hết thời hạn ưu đãi.',
      ]);
      audit.write(
        issuedMs,
        actors.staff,
        'st_enterprise_certificate',
        certificateId,
        'create',
        null,
        { id: certificateId, certificateNumber: number, status: 'valid', version: 1 },
      );
      if (ended !== null) {
        audit.write(
          endedMs,
          actors.staff,
          'st_enterprise_certificate',
          certificateId,
          status === 'revoked' ? 'revoke' : 'expire',
          { status: 'valid' },
          { status },
        );
        issued = ended + random.int(30, 200);
      } else break;
    }

    // Two support needs, at their steps.
    for (let k = 0; k < 2; k++) {
      const needId = ids.uuid();
      const category = random.pick(CATEGORIES);
      const reported = Math.min(END, createdDay + random.int(0, 2500));
      let status = random.weighted([
        [30, 'reported'],
        [20, 'confirmed'],
        [35, 'supported'],
        [15, 'declined'],
      ]);
      let confirmed =
        status === 'reported' || (status === 'declined' && random.chance(0.5))
          ? null
          : reported + random.int(5, 90);
      if (confirmed !== null && confirmed > END) {
        confirmed = null;
        status = 'reported';
      }
      let resolved =
        status === 'supported' || status === 'declined'
          ? (confirmed ?? reported) + random.int(10, 200)
          : null;
      if (resolved !== null && resolved > END) {
        resolved = null;
        status = confirmed === null ? 'reported' : 'confirmed';
      }
      const reportedMs = at(reported, 9 * 60);
      const steps = [];
      if (confirmed !== null) steps.push(['confirm', 'confirmed', at(confirmed, 9 * 60)]);
      if (resolved !== null)
        steps.push([status === 'supported' ? 'support' : 'decline', status, at(resolved, 9 * 60)]);
      put(tables.support_need, [
        ...tracked(
          needId,
          reportedMs,
          steps.length ? steps[steps.length - 1][2] : reportedMs,
          1 + steps.length,
          actors.staff,
        ),
        id,
        category,
        P.NEED_TEXTS[category],
        date(reported),
        status,
        confirmed === null ? null : date(confirmed),
        confirmed === null ? null : 'Doanh nghiệp xác nhận nhu cầu với Sở.',
        resolved === null ? null : date(resolved),
        resolved === null
          ? null
          : status === 'supported'
            ? 'Đã hỗ trợ theo kế hoạch.'
            : 'Doanh nghiệp không còn nhu cầu.',
      ]);
      audit.write(reportedMs, actors.staff, 'support_need', needId, 'create', null, {
        id: needId,
        category,
        status: 'reported',
        version: 1,
      });
      let previous = 'reported';
      for (let s = 0; s < steps.length; s++) {
        const [action, to, ms] = steps[s];
        audit.write(
          ms,
          actors.staff,
          'support_need',
          needId,
          action,
          { status: previous },
          { status: to },
        );
        previous = to;
      }
    }
    await tables.settle();
  }
}

/** Projects in the districts' wards, with partners, households and indicators. */
async function writeProjects(tables, audit, seed, scale, registry, actors) {
  const random = stream(seed, 'projects');
  const ids = stream(seed, 'project-ids');
  const weights = districtWeights(registry.districts);
  const households = split(stream(seed, 'households'), scale.households, scale.projects, 5);
  const KINDS = [
    [40, 'agricultural_model'],
    [25, 'technology_application'],
    [15, 'ip_development'],
    [10, 'research'],
    [5, 'infrastructure_proposal'],
    [5, 'other'],
  ];
  const AREA = {
    agricultural_model: 'agri',
    technology_application: 'tech',
    ip_development: 'ip',
    research: 'tech',
    infrastructure_proposal: 'tech',
    other: 'agri',
  };
  let decisions = 0;
  for (let n = 0; n < scale.projects; n++) {
    const id = ids.uuid();
    const kind = random.weighted(KINDS);
    const district = districtOf(random, weights, n);
    const shape = random.weighted([
      [75, 'ward'],
      [15, 'district'],
      [8, 'two wards'],
      [2, 'two districts'],
    ]);
    const wards = [random.pick(district.communes)];
    let units;
    if (shape === 'district') units = [district];
    else if (shape === 'two wards') {
      const other = random.pick(district.communes);
      if (other.id !== wards[0].id) wards.push(other);
      units = wards;
    } else if (shape === 'two districts') {
      const far =
        registry.districts[(registry.districts.indexOf(district) + 1) % registry.districts.length];
      wards.push(random.pick(far.communes));
      units = wards;
    } else units = wards;
    const [product] = random.pick(P.PRODUCTS);
    const place = shape === 'district' ? district.place : lowerFirst(wards[0].name);
    const title = random
      .pick(P.PROJECT_TEMPLATES[kind])
      .replace('{p}', lowerFirst(product))
      .replace('{u}', place);
    const plannedStart = START + random.int(0, OLD_UNITS_END - START);
    const plannedEnd = day(addMonths(date(plannedStart), random.int(6, 36)));
    const old = plannedEnd < day('2025-01-01');
    // The first stays writable, for the samples.
    const status =
      n === 0
        ? 'in_progress'
        : random.weighted(
            old
              ? [
                  [75, 'completed'],
                  [7, 'cancelled'],
                  [10, 'in_progress'],
                  [4, 'approved'],
                  [4, 'proposed'],
                ]
              : [
                  [10, 'completed'],
                  [5, 'cancelled'],
                  [45, 'in_progress'],
                  [20, 'approved'],
                  [20, 'proposed'],
                ],
          );
    const createdDay = plannedStart - random.int(60, 180);
    const createdMs = at(createdDay, 9 * 60);
    const programme = random.chance(0.6)
      ? registry.programmeFor(AREA[kind], yearOf(plannedStart))
      : null;
    const leadRoll = random.next();
    const lead =
      leadRoll < 0.5 ? registry.applicationCentre : leadRoll < 0.8 ? district.committee : null;
    const partners = random.sample(
      [...registry.institutes.slice(0, 4), ...district.locals].filter((o) => o !== lead),
      random.int(0, 2),
    );
    // The status path: approve, start, complete (or cancel at some point).
    const steps = [];
    const decisionDay = Math.min(END, plannedStart - random.int(10, 60));
    let actualStart = null;
    let actualEnd = null;
    const reached = {
      proposed: 0,
      approved: 1,
      in_progress: 2,
      completed: 3,
      cancelled: random.int(0, 2),
    };
    const upTo = reached[status];
    if (upTo >= 1) steps.push(['approve', 'approved', at(decisionDay, 14 * 60)]);
    if (upTo >= 2) {
      actualStart = Math.min(END, plannedStart + random.int(0, 60));
      steps.push(['start', 'in_progress', at(actualStart, 14 * 60)]);
    }
    if (status === 'completed') {
      actualEnd = Math.min(END, Math.max(actualStart, plannedEnd + random.int(-30, 90)));
      steps.push(['complete', 'completed', at(actualEnd, 15 * 60)]);
    }
    if (status === 'cancelled') {
      const from = steps.length ? dayOfInstant(steps[steps.length - 1][2]) : createdDay;
      steps.push(['cancel', 'cancelled', at(Math.min(END, from + random.int(10, 120)), 15 * 60)]);
    }
    const approved = upTo >= 1;
    const stateBudget = random.int(10, 300) * 10_000_000;
    const counterpart = random.chance(0.7)
      ? Math.round((stateBudget * random.int(20, 100)) / 100 / 1_000_000) * 1_000_000
      : null;
    const updatedMs = steps.length ? steps[steps.length - 1][2] : createdMs;
    put(tables.project, [
      ...tracked(id, createdMs, updatedMs, 1 + steps.length, actors.staff),
      kind,
      title,
      random.chance(0.5) ? `Dự án triển khai tại ${place}, ${district.place}.` : null,
      programme?.id ?? null,
      lead?.id ?? null,
      status,
      date(plannedStart),
      date(plannedEnd),
      actualStart === null ? null : date(actualStart),
      actualEnd === null ? null : date(actualEnd),
      stateBudget,
      counterpart,
      random.chance(0.1) ? random.int(1, 50) * 1_000_000 : null,
      approved ? `${++decisions}/QĐ-SKHCN` : null,
      approved ? date(decisionDay) : null,
      null,
      status === 'cancelled' ? 'Địa phương không bố trí được vốn đối ứng.' : null,
    ]);
    audit.write(createdMs, actors.staff, 'project', id, 'create', null, {
      id,
      title,
      status: 'proposed',
      version: 1,
    });
    let previous = 'proposed';
    for (let s = 0; s < steps.length; s++) {
      const [action, to, ms] = steps[s];
      audit.write(ms, actors.staff, 'project', id, action, { status: previous }, { status: to });
      previous = to;
    }
    for (const u of units) put(tables.project_admin_unit, [id, u.id]);
    for (const o of partners) put(tables.project_partner, [id, o.id]);

    // Households in the project's wards (a district project: any of its wards).
    const wardsOf = shape === 'district' ? district.communes : wards;
    const selectable = status !== 'proposed';
    for (let h = 0; h < households[n]; h++) {
      const ward = random.pick(wardsOf);
      const household = random.chance(0.95);
      const fate = selectable
        ? random.weighted([
            [75, 'selected'],
            [12, 'proposed'],
            [13, 'withdrawn'],
          ])
        : 'proposed';
      const wasSelected = fate === 'selected' || (fate === 'withdrawn' && random.chance(0.5));
      const addedMs = createdMs + random.int(1, 30) * DAY_MS;
      const selectedDay = wasSelected
        ? Math.min(END, dayOfInstant(addedMs) + random.int(5, 60))
        : null;
      const actions = (wasSelected ? 1 : 0) + (fate === 'withdrawn' ? 1 : 0);
      const lastMs =
        fate === 'withdrawn'
          ? Math.min(
              at(END, 16 * 60),
              (selectedDay === null ? addedMs : at(selectedDay, 10 * 60)) + 20 * DAY_MS,
            )
          : selectedDay === null
            ? addedMs
            : at(selectedDay, 10 * 60);
      const { name, male } = P.personName(random);
      put(tables.project_participant, [
        ...tracked(ids.uuid(), addedMs, lastMs, 1 + actions, actors.staff),
        id,
        household ? 'household' : 'organisation',
        household
          ? `Hộ ${male ? 'ông' : 'bà'} ${name}`
          : `Tổ hợp tác ${lowerFirst(product)} ${placeName(ward.name)}`,
        ward.id,
        `${random.int(500, 20000)}.00`,
        random.chance(0.6) ? phone(random) : null,
        null,
        fate,
        wasSelected ? ward.committee.id : null,
        selectedDay === null ? null : date(selectedDay),
        fate === 'withdrawn' ? 'Hộ không đủ điều kiện tham gia.' : null,
        null,
      ]);
    }
    for (const [k, [indicator, unit]] of random.sample(P.INDICATORS, random.int(3, 5)).entries()) {
      const target = random.int(5, 500);
      const measured = status === 'completed' || (status === 'in_progress' && random.chance(0.5));
      const measuredDay = measured
        ? Math.min(END, actualEnd ?? actualStart + random.int(30, 300))
        : null;
      put(tables.project_indicator, [
        ...tracked(
          ids.uuid(),
          createdMs + k * 60_000,
          measuredDay === null ? createdMs + k * 60_000 : at(measuredDay, 11 * 60),
          measured ? 2 : 1,
          actors.staff,
        ),
        id,
        indicator,
        unit,
        `${target}.0000`,
        measured ? `${Math.round(target * (0.6 + random.next() * 0.6))}.0000` : null,
        measuredDay === null ? null : date(measuredDay),
        null,
      ]);
    }
    await tables.settle();
  }
}

/**
 * Working sessions over ten years, their participants and minutes, and the tasks they gave (with
 * co-operating units and progress updates), written in one pass.
 */
async function writeSessions(tables, audit, seed, scale, registry, actors) {
  const plan = stream(seed, 'session-plan');
  const weights = districtWeights(registry.districts);
  // First the sessions' days, hosts and statuses (small), so tasks can be split over those held.
  const sessions = new Array(scale.sessions);
  for (let i = 0; i < scale.sessions; i++) {
    const d = START + Math.floor((i * (END - START + 1)) / scale.sessions);
    const district = districtOf(plan, weights, scale.sessions - 1 - i);
    const late = d >= day('2025-11-15');
    const status =
      i === scale.sessions - 1
        ? 'held'
        : late
          ? plan.weighted([
              [40, 'planned'],
              [40, 'held'],
              [15, 'closed'],
              [5, 'cancelled'],
            ])
          : plan.weighted([
              [90, 'closed'],
              [7, 'held'],
              [3, 'cancelled'],
            ]);
    sessions[i] = { day: d, district, status };
  }
  const held = sessions.filter((s) => s.status === 'held' || s.status === 'closed');
  const taskCounts = split(plan, scale.tasks, held.length, 1);
  held.forEach((s, i) => (s.tasks = taskCounts[i]));

  const random = stream(seed, 'sessions');
  const ids = stream(seed, 'session-ids');
  const taskRandom = stream(seed, 'tasks');
  const taskIds = stream(seed, 'task-ids');
  const KINDS = [
    [70, 'working_visit'],
    [15, 'briefing'],
    [10, 'review_conference'],
    [5, 'other'],
  ];
  const TOPICS = Object.keys(P.TOPIC_PHRASES);
  const TIMES = [8 * 60, 8 * 60 + 30, 14 * 60, 14 * 60 + 30];
  const departmentStaff = registry.departmentUnits.flatMap((u) => u.people ?? []);
  for (const s of sessions) {
    const { district } = s;
    const commune = random.chance(0.3) ? random.pick(district.communes) : null;
    const host = commune ?? district;
    const kind = random.weighted(KINDS);
    const topics = random.sample(TOPICS, random.int(1, 3));
    const year = yearOf(s.day);
    const hostName = commune ? commune.committee.shortName : district.committee.shortName;
    const periodLabel =
      kind === 'briefing' || kind === 'review_conference'
        ? random.pick(['6 tháng đầu năm', '9 tháng đầu năm', `năm ${year}`])
        : null;
    const title = `${P.KIND_TITLES[kind]} ${hostName} về ${random.pick(P.TOPIC_PHRASES[topics[0]])}${periodLabel ? ` ${periodLabel}` : ''}`;
    const startsMs = at(s.day, random.pick(TIMES));
    const createdMs = startsMs - random.int(3, 20) * DAY_MS;
    const id = ids.uuid();
    // planned → held (the day itself) → closed (the minutes, some days later); or cancelled before.
    const steps = [];
    if (s.status === 'held' || s.status === 'closed')
      steps.push(['hold', 'held', startsMs + 3 * 3_600_000]);
    if (s.status === 'closed')
      steps.push(['close', 'closed', startsMs + random.int(2, 10) * DAY_MS]);
    if (s.status === 'cancelled')
      steps.push(['cancel', 'cancelled', startsMs - random.int(1, 2) * DAY_MS]);
    const updatedMs = steps.length ? steps[steps.length - 1][2] : createdMs;
    put(tables.working_session, [
      ...tracked(id, createdMs, updatedMs, 1 + steps.length, actors.staff),
      kind,
      title,
      instant(startsMs),
      commune
        ? `Hội trường ${commune.committee.shortName}`
        : random.pick([
            `Hội trường ${district.committee.shortName}`,
            'Phòng họp Sở KH&CN TP. Cần Thơ',
          ]),
      host.id,
      year,
      periodLabel,
      topics,
      random.chance(0.7) ? random.pick(P.SESSION_SUMMARIES) : null,
      s.status,
      null,
      s.status === 'cancelled' ? random.pick(P.SESSION_CANCEL_REASONS) : null,
    ]);
    audit.write(createdMs, actors.staff, 'working_session', id, 'create', null, {
      id,
      title,
      status: 'planned',
      version: 1,
    });
    let previous = 'planned';
    for (let k = 0; k < steps.length; k++) {
      const [action, to, ms] = steps[k];
      audit.write(
        ms,
        actors.staff,
        'working_session',
        id,
        action,
        { status: previous },
        { status: to },
      );
      previous = to;
    }
    if (!s.tasks) {
      await tables.settle();
      continue;
    }

    // Who came: the Department's delegation and the host's people and offices.
    const participantMs = createdMs + DAY_MS;
    const participants = [];
    const party = (role, person, organisation) => {
      const pid = ids.uuid();
      participants.push({ id: pid, role, person });
      put(tables.session_participant, [
        ...tracked(pid, participantMs, participantMs, 1, actors.staff),
        id,
        person?.id ?? null,
        organisation?.id ?? null,
        role,
        null,
      ]);
    };
    const head = random.pick(registry.leaders);
    await party('delegation_head', head, null);
    for (const member of random.sample(departmentStaff, random.int(1, 2)))
      await party('delegation_member', member, null);
    const committeePeople =
      (commune ?? district).committee.people ?? district.committee.people ?? [];
    if (committeePeople.length) await party('host_chair', committeePeople[0], null);
    await party('host_member', null, district.offices[random.int(0, district.offices.length - 1)]);
    if (random.chance(0.4) && district.locals.length) {
      await party(
        random.pick(['enterprise_representative', 'attendee']),
        null,
        random.pick(district.locals),
      );
    }

    // The minutes: opinions, then conclusions (1..n).
    const recordMs = startsMs + 2 * 3_600_000;
    const conclusions = [];
    let position = 0;
    const opinionCount = random.int(1, 3);
    const conclusionCount = random.int(1, 4);
    for (let k = 0; k < opinionCount + conclusionCount; k++) {
      const type = k < opinionCount ? 'opinion' : 'conclusion';
      const rid = ids.uuid();
      const speaker = type === 'conclusion' ? participants[0] : random.pick(participants);
      put(tables.session_record, [
        ...tracked(rid, recordMs + k * 60_000, recordMs + k * 60_000, 1, actors.staff),
        id,
        type,
        random.pick(type === 'opinion' ? P.OPINIONS : P.CONCLUSIONS),
        speaker.id,
        ++position,
      ]);
      if (type === 'conclusion') conclusions.push(rid);
    }

    // The tasks the session gave.
    const localOrgs = [...district.offices, district.committee];
    for (let t = 0; t < s.tasks; t++) {
      writeTask(tables, audit, taskRandom, taskIds, registry, actors, {
        sessionId: id,
        startsDay: s.day,
        conclusions,
        head,
        localOrgs,
        hostName,
      });
    }
    await tables.settle();
  }
}

const TASK_LEADS = [
  [30, 'Trung tâm Ứng dụng Tiến bộ KH&CN'],
  [12, 'Phòng QLCN&TTCN'],
  [12, 'Phòng SHTT'],
  [10, 'Phòng QLKH'],
  [10, 'Chi cục TĐC'],
  [8, 'Trung tâm Thông tin KH&CN'],
  [5, 'Trung tâm Kỹ thuật TĐC'],
  [5, 'Trung tâm ĐMST'],
  [4, 'Văn phòng'],
  [4, 'Phòng KH-TC'],
];
const DUE_DAYS = [15, 30, 30, 45, 60, 60, 90, 120, 180];

function writeTask(tables, audit, random, ids, registry, actors, s) {
  const id = ids.uuid();
  const createdDay = s.startsDay + random.int(1, 7);
  const createdMs = at(createdDay, 7 * 60 + 30 + random.int(0, 570));
  const leadName = random.weighted(TASK_LEADS);
  const lead = random.chance(0.3)
    ? random.pick(s.localOrgs)
    : registry.departmentUnits.find((u) => u.shortName === leadName);
  const coCount = random.weighted([
    [50, 0],
    [35, 1],
    [15, 2],
  ]);
  const co = [];
  for (let k = 0; k < coCount; k++) {
    const o = random.chance(0.5) ? random.pick(s.localOrgs) : random.pick(registry.departmentUnits);
    if (o !== lead && !co.includes(o)) co.push(o);
  }
  const due = random.chance(0.03) ? null : createdDay + random.pick(DUE_DAYS);
  const title = `${random.pick(P.TASK_VERBS)} ${random.pick(P.TASK_OBJECTS)} (${s.hostName})`;
  // Its fate: recent tasks are still open more often; about a quarter of all are done late.
  const recent = createdDay > END - 150;
  const roll = random.next();
  let status =
    roll < 0.04
      ? 'cancelled'
      : roll < (recent ? 0.5 : 0.1)
        ? random.chance(0.5)
          ? 'open'
          : 'in_progress'
        : 'done';
  let completedDay = null;
  if (status === 'done') {
    const late = random.chance(0.29);
    if (due === null) completedDay = createdDay + random.int(10, 120);
    else if (late) completedDay = due + random.int(1, 90);
    else completedDay = createdDay + random.int(1, Math.max(1, due - createdDay));
    if (completedDay > END) {
      status = 'in_progress';
      completedDay = null;
    }
  }
  const endDay =
    status === 'done'
      ? completedDay
      : status === 'cancelled'
        ? Math.min(END, createdDay + random.int(5, 60))
        : END;
  const started =
    status === 'in_progress' ||
    (status === 'done' && random.chance(0.3)) ||
    (status === 'cancelled' && random.chance(0.4));
  const events = [];
  let lastMs = createdMs;
  if (started) {
    lastMs = Math.max(
      createdMs + 3_600_000,
      at(Math.min(endDay, createdDay + random.int(0, Math.max(0, endDay - createdDay))), 9 * 60),
    );
    events.push(['start', lastMs]);
  }
  // Progress reports between the start and the end.
  let percent = null;
  const updates = random.chance(0.1) ? random.int(1, 3) : 0;
  const endMs = at(endDay, 16 * 60);
  for (let k = 0; k < updates && lastMs + 2 * 3_600_000 < endMs; k++) {
    lastMs += Math.floor(random.next() * (endMs - lastMs) * 0.5) + 3_600_000;
    percent = Math.min(90, (percent ?? 0) + random.int(1, 4) * 10);
    events.push(['progress', lastMs, percent]);
  }
  const completedMs =
    status === 'done'
      ? Math.max(lastMs + 3_600_000, at(completedDay, 10 * 60 + random.int(0, 400)))
      : null;
  const completionNote = status === 'done' ? random.pick(P.COMPLETION_NOTES) : null;
  const cancelReason = status === 'cancelled' ? random.pick(P.CANCEL_REASONS) : null;
  if (status === 'done') events.push(['complete', completedMs]);
  if (status === 'cancelled') events.push(['cancel', Math.max(lastMs + 3_600_000, endMs)]);
  const updatedMs = events.length ? events[events.length - 1][1] : createdMs;
  const finalPercent = status === 'done' ? 100 : percent;
  const floor = status === 'done' ? 100 : (percent ?? 0);
  put(tables.task, [
    ...tracked(id, createdMs, updatedMs, 1 + events.length, actors.staff),
    title,
    random.chance(0.4) ? `Thực hiện theo kết luận buổi làm việc với ${s.hostName}.` : null,
    lead.id,
    random.chance(0.8) ? s.head.id : null,
    due === null ? null : date(due),
    random.weighted([
      [70, 'normal'],
      [15, 'high'],
      [15, 'low'],
    ]),
    s.sessionId,
    random.chance(0.85) ? random.pick(s.conclusions) : null,
    null,
    null,
    status,
    finalPercent,
    floor,
    completionNote,
    cancelReason,
    completionNote,
    completedMs === null ? null : instant(completedMs),
  ]);
  for (const o of co) put(tables.task_co_organisation, [id, o.id]);
  audit.write(createdMs, actors.staff, 'task', id, 'create', null, {
    id,
    title,
    status: 'open',
    dueDate: due === null ? null : date(due),
    version: 1,
  });
  let current = 'open';
  let shown = null;
  for (const [action, ms, value] of events) {
    if (action === 'progress') {
      put(tables.task_update, [
        ...tracked(ids.uuid(), ms, ms, 1, actors.staff),
        id,
        random.pick(P.PROGRESS_NOTES),
        value,
      ]);
      audit.write(ms, actors.staff, 'task', id, 'progress', { percent: shown }, { percent: value });
      shown = value;
    } else {
      const to = { start: 'in_progress', complete: 'done', cancel: 'cancelled' }[action];
      audit.write(ms, actors.staff, 'task', id, action, { status: current }, { status: to });
      current = to;
    }
  }
}

module.exports = {
  OFFICER_DISTRICT,
  SCALES,
  TABLES,
  END,
  day,
  date,
  Audit,
  planRegistry,
  writeRegistry,
  writeIp,
  writeEnterprises,
  writeProjects,
  writeSessions,
  tracked,
  instant,
};
