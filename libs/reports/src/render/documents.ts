import { vietnameseDate } from '../period/report-period';
import type { DistrictActivityReportDto } from '../district-activity/district-activity.dto';
import type { HeadlineFiguresDto } from '../dto/figures.dto';
import type { OverviewReportDto } from '../overview/overview.dto';
import type { TaskFollowUpReportDto } from '../task-follow-up/task-follow-up.dto';
import { asciiSlug, bareUnitName } from './file-name';
import { type Cell, FIGURE_COLUMNS, type ReportDocument, type Table } from './report-document';

/** `2026-01-15T10:00:00+07:00` → `15/01/2026 10:00 (giờ Việt Nam)`. */
function printedInstant(instant: string): string {
  return `${vietnameseDate(instant.slice(0, 10))} ${instant.slice(11, 16)} (giờ Việt Nam)`;
}

function periodSlug(period: { year: number | null; from: string; to: string }): string {
  return period.year !== null ? String(period.year) : `${period.from}-den-${period.to}`;
}

const IP_STATUS_LABELS: Record<string, string> = {
  preparing: 'đang chuẩn bị hồ sơ',
  filed: 'đã nộp đơn',
  formality_accepted: 'chấp nhận hợp lệ',
  published: 'đã công bố',
  granted: 'đã cấp văn bằng',
  renewed: 'đã gia hạn',
  refused: 'bị từ chối',
  withdrawn: 'đã rút đơn',
  expired: 'hết hiệu lực',
};
const NEED_STATUS_LABELS: Record<string, string> = {
  reported: 'mới ghi nhận',
  confirmed: 'đã xác nhận',
  supported: 'đã hỗ trợ',
  declined: 'không hỗ trợ',
};
const PROJECT_STATUS_LABELS: Record<string, string> = {
  proposed: 'đề xuất',
  approved: 'đã phê duyệt',
  in_progress: 'đang thực hiện',
  completed: 'hoàn thành',
  cancelled: 'đã hủy',
};

type Figure = [string, string, string, number | null];

/** A `byStatus` object's counts, in its order. */
function counts(byValue: object): [string, number][] {
  return Object.entries(byValue) as [string, number][];
}

/** The headline figures as (section, label, API name, value) lines. */
function figureLines(f: HeadlineFiguresDto, extra: { indicators?: number } = {}): Figure[] {
  return [
    [
      'Buổi làm việc',
      'Số buổi làm việc đã tổ chức',
      'workingSessions.count',
      f.workingSessions.count,
    ],
    ['Sở hữu trí tuệ', 'Tổng số đăng ký', 'ipRegistrations.total', f.ipRegistrations.total],
    ...counts(f.ipRegistrations.byStatus).map(([status, n]): Figure => [
      'Sở hữu trí tuệ',
      `Trạng thái: ${IP_STATUS_LABELS[status] ?? status}`,
      `ipRegistrations.byStatus.${status}`,
      n,
    ]),
    [
      'Sở hữu trí tuệ',
      'Được cấp văn bằng trong kỳ',
      'ipRegistrations.grantedInPeriod',
      f.ipRegistrations.grantedInPeriod,
    ],
    [
      'Doanh nghiệp KH&CN',
      'Doanh nghiệp có chứng nhận trong kỳ',
      'enterprises.certified',
      f.enterprises.certified,
    ],
    [
      'Doanh nghiệp KH&CN',
      'Còn hiệu lực cuối kỳ',
      'enterprises.certifiedAtEnd',
      f.enterprises.certifiedAtEnd,
    ],
    ['Nhu cầu hỗ trợ', 'Tổng số nhu cầu', 'supportNeeds.total', f.supportNeeds.total],
    ...counts(f.supportNeeds.byStatus).map(([status, n]): Figure => [
      'Nhu cầu hỗ trợ',
      `Trạng thái: ${NEED_STATUS_LABELS[status] ?? status}`,
      `supportNeeds.byStatus.${status}`,
      n,
    ]),
    ['Dự án', 'Số dự án, mô hình', 'projects.total', f.projects.total],
    ...counts(f.projects.byStatus).map(([status, n]): Figure => [
      'Dự án',
      `Trạng thái: ${PROJECT_STATUS_LABELS[status] ?? status}`,
      `projects.byStatus.${status}`,
      n,
    ]),
    [
      'Dự án',
      'Hộ, tổ chức được chọn tham gia',
      'projects.participantsSelected',
      f.projects.participantsSelected,
    ],
    [
      'Dự án',
      'Hộ, tổ chức tham gia (mọi trạng thái)',
      'projects.participants',
      f.projects.participants,
    ],
    ...(extra.indicators === undefined
      ? []
      : [['Dự án', 'Số chỉ tiêu theo dõi', 'projects.indicators', extra.indicators] as Figure]),
    ['Nhiệm vụ', 'Nhiệm vụ được giao', 'tasks.assigned', f.tasks.assigned],
    ['Nhiệm vụ', 'Đã hoàn thành', 'tasks.done', f.tasks.done],
    ['Nhiệm vụ', 'Hoàn thành đúng hạn', 'tasks.doneOnTime', f.tasks.doneOnTime],
    ['Nhiệm vụ', 'Hoàn thành trễ hạn', 'tasks.doneLate', f.tasks.doneLate],
    ['Nhiệm vụ', 'Quá hạn (đến hôm nay)', 'tasks.overdue', f.tasks.overdue],
    ['Nhiệm vụ', 'Đang thực hiện', 'tasks.open', f.tasks.open],
    ['Nhiệm vụ', 'Đã hủy', 'tasks.cancelled', f.tasks.cancelled],
    ['Nhiệm vụ', 'Tỷ lệ đúng hạn (0–1)', 'tasks.onTimeRate', f.tasks.onTimeRate],
  ];
}

function figuresTable(f: HeadlineFiguresDto, extra: { indicators?: number } = {}): Table {
  return { title: 'Tổng hợp', columns: FIGURE_COLUMNS, rows: figureLines(f, extra) };
}

export function districtActivityDocument(r: DistrictActivityReportDto): ReportDocument {
  const place = bareUnitName(r.adminUnit.name);
  const when = periodSlug(r.period);
  const t = r.tasks;
  const tables: Table[] = [
    figuresTable(r, { indicators: r.projects.indicators }),
    {
      title: 'Buổi làm việc',
      columns: [
        { header: 'Ngày', type: 'date', width: 10 },
        { header: 'Tiêu đề', type: 'text', width: 40 },
        { header: 'Nơi', type: 'text', width: 16 },
        { header: 'Trưởng đoàn', type: 'text', width: 18 },
        { header: 'Trạng thái', type: 'text', width: 9 },
        { header: 'Mã', type: 'text', width: 10 },
      ],
      rows: r.workingSessions.items.map((s): Cell[] => [
        s.startsAt.slice(0, 10),
        s.title,
        s.hostAdminUnit.name,
        s.delegationHead ? s.delegationHead.name : null,
        s.status,
        s.id,
      ]),
    },
    {
      title: 'Sở hữu trí tuệ',
      columns: [
        { header: 'Tên', type: 'text', width: 30 },
        { header: 'Loại', type: 'text', width: 12 },
        { header: 'Địa bàn', type: 'text', width: 16 },
        { header: 'Trạng thái cuối kỳ', type: 'text', width: 14 },
        { header: 'Số đơn', type: 'text', width: 12 },
        { header: 'Ngày cấp', type: 'date', width: 10 },
        { header: 'Cấp trong kỳ', type: 'boolean', width: 8 },
        { header: 'Mã', type: 'text', width: 10 },
      ],
      rows: r.ipRegistrations.items.map((i): Cell[] => [
        i.name,
        i.kind,
        i.adminUnit.name,
        IP_STATUS_LABELS[i.status] ?? i.status,
        i.applicationNumber,
        i.grantDate,
        i.grantedInPeriod,
        i.id,
      ]),
    },
    {
      title: 'Doanh nghiệp KH&CN',
      columns: [
        { header: 'Doanh nghiệp', type: 'text', width: 34 },
        { header: 'Địa bàn', type: 'text', width: 16 },
        { header: 'Số giấy chứng nhận', type: 'text', width: 18 },
        { header: 'Ngày cấp', type: 'date', width: 10 },
        { header: 'Hết hiệu lực từ', type: 'date', width: 10 },
        { header: 'Còn hiệu lực cuối kỳ', type: 'boolean', width: 9 },
        { header: 'Mã', type: 'text', width: 10 },
      ],
      rows: r.enterprises.items.flatMap((e) =>
        e.certificates.map((c): Cell[] => [
          e.name,
          e.adminUnit.name,
          c.certificateNumber,
          c.issuedOn,
          c.endedOn,
          e.certifiedAtEnd,
          e.id,
        ]),
      ),
    },
    {
      title: 'Nhu cầu hỗ trợ',
      columns: [
        { header: 'Doanh nghiệp', type: 'text', width: 24 },
        { header: 'Lĩnh vực', type: 'text', width: 12 },
        { header: 'Nội dung', type: 'text', width: 40 },
        { header: 'Ngày ghi nhận', type: 'date', width: 10 },
        { header: 'Trạng thái cuối kỳ', type: 'text', width: 12 },
      ],
      rows: r.supportNeeds.items.map((n): Cell[] => [
        n.enterprise.name,
        n.category,
        n.description,
        n.reportedOn,
        NEED_STATUS_LABELS[n.status] ?? n.status,
      ]),
    },
    {
      title: 'Dự án',
      columns: [
        { header: 'Tên dự án', type: 'text', width: 40 },
        { header: 'Loại', type: 'text', width: 14 },
        { header: 'Trạng thái', type: 'text', width: 12 },
        { header: 'Bắt đầu', type: 'date', width: 10 },
        { header: 'Kết thúc', type: 'date', width: 10 },
        { header: 'Tham gia', type: 'integer', width: 8 },
        { header: 'Được chọn', type: 'integer', width: 8 },
        { header: 'Chỉ tiêu', type: 'integer', width: 8 },
      ],
      rows: r.projects.items.map((p): Cell[] => [
        p.title,
        p.kind,
        PROJECT_STATUS_LABELS[p.status] ?? p.status,
        p.start,
        p.end,
        p.participants,
        p.participantsSelected,
        p.indicators.length,
      ]),
    },
    {
      title: 'Nhiệm vụ',
      columns: [
        { header: 'Nhiệm vụ', type: 'text', width: 40 },
        { header: 'Đơn vị chủ trì', type: 'text', width: 20 },
        { header: 'Hạn', type: 'date', width: 10 },
        { header: 'Hoàn thành', type: 'date', width: 10 },
        { header: 'Trạng thái', type: 'text', width: 10 },
        { header: 'Đúng hạn', type: 'boolean', width: 8 },
        { header: 'Quá hạn', type: 'boolean', width: 8 },
        { header: 'Số ngày trễ', type: 'integer', width: 8 },
      ],
      rows: t.items.map((i): Cell[] => [
        i.title,
        i.leadOrganisation.shortName ?? i.leadOrganisation.name,
        i.dueDate,
        i.completedOn,
        i.status,
        i.onTime,
        i.overdue,
        i.daysLate,
      ]),
    },
  ];
  return {
    fileName: `bao-cao-${asciiSlug(place)}-${when}`,
    displayName: `Báo cáo ${place} ${when}`,
    title: `Báo cáo hoạt động khoa học và công nghệ: ${r.adminUnit.name}`,
    subtitle: `${r.adminUnit.name} (${r.adminUnit.code}), ${r.province.name}`,
    periodLabel: r.period.label,
    generatedAt: printedInstant(r.generatedAt),
    tables,
    charts: [
      {
        title: 'Số liệu trong kỳ',
        scale: 'count',
        bars: [
          { label: 'Buổi làm việc', value: r.workingSessions.count },
          { label: 'Đăng ký sở hữu trí tuệ', value: r.ipRegistrations.total },
          { label: 'Doanh nghiệp KH&CN có chứng nhận', value: r.enterprises.certified },
          { label: 'Dự án, mô hình', value: r.projects.total },
          { label: 'Nhiệm vụ được giao', value: t.assigned },
          { label: 'Nhiệm vụ đã hoàn thành', value: t.done },
          { label: 'Nhiệm vụ quá hạn', value: t.overdue },
        ],
      },
      {
        title: 'Tỷ lệ hoàn thành đúng hạn theo đơn vị chủ trì',
        scale: 'rate',
        bars: t.byLead.map((l) => ({
          label: l.leadOrganisation.shortName ?? l.leadOrganisation.name,
          value: l.onTimeRate,
        })),
      },
    ],
  };
}

const OVERVIEW_COLUMNS = [
  { header: 'Đơn vị', type: 'text', width: 22 },
  { header: 'Mã đơn vị', type: 'text', width: 8 },
  { header: 'Buổi làm việc', type: 'integer', width: 8 },
  { header: 'Đăng ký SHTT', type: 'integer', width: 8 },
  { header: 'Cấp văn bằng trong kỳ', type: 'integer', width: 8 },
  { header: 'DN KH&CN', type: 'integer', width: 8 },
  { header: 'Nhu cầu hỗ trợ', type: 'integer', width: 8 },
  { header: 'Dự án', type: 'integer', width: 7 },
  { header: 'Hộ được chọn', type: 'integer', width: 8 },
  { header: 'Nhiệm vụ', type: 'integer', width: 8 },
  { header: 'Hoàn thành', type: 'integer', width: 8 },
  { header: 'Đúng hạn', type: 'integer', width: 8 },
  { header: 'Quá hạn', type: 'integer', width: 8 },
  { header: 'Tỷ lệ đúng hạn', type: 'rate', width: 8 },
] as const;

function overviewCells(name: string, code: string, f: HeadlineFiguresDto): Cell[] {
  return [
    name,
    code,
    f.workingSessions.count,
    f.ipRegistrations.total,
    f.ipRegistrations.grantedInPeriod,
    f.enterprises.certified,
    f.supportNeeds.total,
    f.projects.total,
    f.projects.participantsSelected,
    f.tasks.assigned,
    f.tasks.done,
    f.tasks.doneOnTime,
    f.tasks.overdue,
    f.tasks.onTimeRate,
  ];
}

export function overviewDocument(r: OverviewReportDto): ReportDocument {
  const place = bareUnitName(r.province.name);
  const when = periodSlug(r.period);
  const rowName = (row: OverviewReportDto['rows'][number]) =>
    row.provinceLevel
      ? `${row.adminUnit.name} (cấp tỉnh, không gắn một đơn vị)`
      : row.adminUnit.name;
  return {
    fileName: `tong-quan-${asciiSlug(place)}-${when}`,
    displayName: `Tổng quan ${place} ${when}`,
    title: `Tổng quan hoạt động khoa học và công nghệ: ${r.province.name}`,
    subtitle:
      r.groupBy === 'district'
        ? 'Theo quận, huyện trước sắp xếp 2025'
        : 'Theo đơn vị hành chính trong kỳ',
    periodLabel: r.period.label,
    generatedAt: printedInstant(r.generatedAt),
    tables: [
      {
        title: 'Tổng quan',
        columns: [...OVERVIEW_COLUMNS],
        rows: [
          ...r.rows.map((row) => overviewCells(rowName(row), row.adminUnit.code, row)),
          overviewCells('Tổng cộng', '', r.totals),
        ],
      },
      figuresTable(r.totals),
    ],
    charts: [
      {
        title: 'Nhiệm vụ được giao theo đơn vị',
        scale: 'count',
        bars: r.rows.map((row) => ({ label: row.adminUnit.name, value: row.tasks.assigned })),
      },
      {
        title: 'Tỷ lệ hoàn thành đúng hạn theo đơn vị',
        scale: 'rate',
        bars: r.rows.map((row) => ({ label: row.adminUnit.name, value: row.tasks.onTimeRate })),
      },
    ],
  };
}

export function taskFollowUpDocument(r: TaskFollowUpReportDto): ReportDocument {
  const lead = r.rows.length === 1 && r.leadOrganisationId ? r.rows[0].leadOrganisation : null;
  const who = lead ? (lead.shortName ?? lead.name) : 'tất cả đơn vị';
  const when = r.period ? `${r.period.from}-den-${r.period.to}` : r.today;
  const columns = [
    { header: 'Đơn vị chủ trì', type: 'text', width: 26 },
    { header: 'Được giao', type: 'integer', width: 8 },
    { header: 'Hoàn thành', type: 'integer', width: 8 },
    { header: 'Đúng hạn', type: 'integer', width: 8 },
    { header: 'Trễ hạn', type: 'integer', width: 8 },
    { header: 'Quá hạn', type: 'integer', width: 8 },
    { header: 'Tỷ lệ đúng hạn', type: 'rate', width: 8 },
    { header: 'Việc mở lâu nhất', type: 'text', width: 28 },
    { header: 'Giao ngày', type: 'date', width: 10 },
    { header: 'Số ngày', type: 'integer', width: 7 },
  ] as const;
  const cells = (name: string, f: TaskFollowUpReportDto['totals']): Cell[] => [
    name,
    f.assigned,
    f.done,
    f.doneOnTime,
    f.doneLate,
    f.overdue,
    f.onTimeRate,
    f.oldestOpen?.title ?? null,
    f.oldestOpen?.assignedOn ?? null,
    f.oldestOpen?.ageDays ?? null,
  ];
  return {
    fileName: `theo-doi-nhiem-vu-${asciiSlug(who)}-${when}`,
    displayName: `Theo dõi nhiệm vụ ${who} ${when}`,
    title: 'Theo dõi thực hiện nhiệm vụ theo đơn vị chủ trì',
    subtitle: lead ? lead.name : 'Tất cả đơn vị chủ trì',
    periodLabel: r.period ? `Nhiệm vụ giao ${r.period.label.toLowerCase()}` : 'Mọi nhiệm vụ',
    generatedAt: printedInstant(r.generatedAt),
    tables: [
      {
        title: 'Theo dõi nhiệm vụ',
        columns: [...columns],
        rows: [
          ...r.rows.map((row) => cells(row.leadOrganisation.name, row)),
          cells('Tổng cộng', r.totals),
        ],
      },
    ],
    charts: [
      {
        title: 'Tỷ lệ hoàn thành đúng hạn theo đơn vị chủ trì',
        scale: 'rate',
        bars: r.rows.map((row) => ({
          label: row.leadOrganisation.shortName ?? row.leadOrganisation.name,
          value: row.onTimeRate,
        })),
      },
    ],
  };
}
