// Vietnamese words the generated records are made of: names, products, places, what sessions
// discuss and what tasks ask. Written for the benchmark; any likeness to real people is chance.

const FAMILY_NAMES = [
  ['Nguyễn', 30],
  ['Trần', 12],
  ['Lê', 10],
  ['Phạm', 8],
  ['Huỳnh', 6],
  ['Võ', 5],
  ['Phan', 4],
  ['Trương', 3],
  ['Bùi', 3],
  ['Đặng', 3],
  ['Đỗ', 2],
  ['Ngô', 2],
  ['Hồ', 2],
  ['Dương', 2],
  ['Lâm', 2],
  ['Đinh', 1],
  ['Lý', 1],
  ['Tạ', 1],
  ['Châu', 1],
  ['Quách', 1],
].map(([name, weight]) => [weight, name]);

const MIDDLE_MALE = ['Văn', 'Minh', 'Hoàng', 'Quốc', 'Thanh', 'Hữu', 'Đức', 'Công', 'Tấn', 'Trọng'];
const MIDDLE_FEMALE = [
  'Thị',
  'Ngọc',
  'Thanh',
  'Thu',
  'Kim',
  'Mỹ',
  'Bích',
  'Diễm',
  'Hồng',
  'Phương',
];
const GIVEN_MALE = [
  'An',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hùng',
  'Khánh',
  'Khoa',
  'Long',
  'Lộc',
  'Minh',
  'Nam',
  'Nghĩa',
  'Phong',
  'Phúc',
  'Quang',
  'Sơn',
  'Tài',
  'Tâm',
  'Thắng',
  'Thành',
  'Thiện',
  'Toàn',
  'Trí',
  'Trung',
  'Tuấn',
  'Việt',
  'Vinh',
];
const GIVEN_FEMALE = [
  'Anh',
  'Châu',
  'Diệu',
  'Dung',
  'Giang',
  'Hà',
  'Hạnh',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngân',
  'Nhi',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Thảo',
  'Thủy',
  'Trang',
  'Trinh',
  'Tuyết',
  'Uyên',
  'Vân',
  'Yến',
];

/** A full name and whether it is a man's. */
function personName(random) {
  const male = random.chance(0.55);
  const family = random.weighted(FAMILY_NAMES);
  const middle = random.pick(male ? MIDDLE_MALE : MIDDLE_FEMALE);
  const given = random.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
  return { name: `${family} ${middle} ${given}`, male };
}

const DEPARTMENT_UNITS = [
  ['Văn phòng Sở', 'Văn phòng'],
  ['Thanh tra Sở', 'Thanh tra'],
  ['Phòng Kế hoạch - Tài chính', 'Phòng KH-TC'],
  ['Phòng Quản lý Khoa học', 'Phòng QLKH'],
  ['Phòng Quản lý Công nghệ và Thị trường công nghệ', 'Phòng QLCN&TTCN'],
  ['Phòng Quản lý Chuyên ngành', 'Phòng QLCN'],
  ['Phòng Sở hữu trí tuệ', 'Phòng SHTT'],
  ['Chi cục Tiêu chuẩn Đo lường Chất lượng', 'Chi cục TĐC'],
  ['Trung tâm Ứng dụng Tiến bộ Khoa học và Công nghệ', 'Trung tâm Ứng dụng Tiến bộ KH&CN'],
  ['Trung tâm Thông tin Khoa học và Công nghệ', 'Trung tâm Thông tin KH&CN'],
  ['Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng', 'Trung tâm Kỹ thuật TĐC'],
  ['Trung tâm Đổi mới sáng tạo', 'Trung tâm ĐMST'],
];

const INSTITUTES = [
  ['Trường Đại học Cần Thơ', 'ĐHCT', 'university'],
  ['Trường Đại học Nam Cần Thơ', 'ĐH Nam Cần Thơ', 'university'],
  ['Trường Đại học Tây Đô', 'ĐH Tây Đô', 'university'],
  ['Trường Đại học Y Dược Cần Thơ', 'ĐH Y Dược Cần Thơ', 'university'],
  ['Viện Lúa Đồng bằng sông Cửu Long', 'Viện Lúa ĐBSCL', 'research_institute'],
  ['Viện Nghiên cứu Phát triển Đồng bằng sông Cửu Long', 'Viện NCPT ĐBSCL', 'research_institute'],
  ['Viện Công nghệ Sinh học và Thực phẩm', 'Viện CNSH&TP', 'research_institute'],
  ['Trung tâm Nghiên cứu Nấm ăn và Dược liệu', 'TT Nấm ăn', 'research_institute'],
];

const ASSOCIATIONS = [
  'Hội Nông dân',
  'Hội Liên hiệp Phụ nữ',
  'Hội Doanh nghiệp',
  'Hội Làm vườn',
  'Hiệp hội Du lịch',
  'Hội Sinh vật cảnh',
  'Hội Nuôi ong',
  'Chi hội Nghề cá',
];

/** Products of the Mekong delta the cooperatives, marks and models are about: name, Nice classes. */
const PRODUCTS = [
  ['Gạo thơm', [30]],
  ['Gạo hữu cơ', [30]],
  ['Bưởi Năm Roi', [31]],
  ['Xoài cát Hòa Lộc', [31]],
  ['Dâu Hạ Châu', [31]],
  ['Sầu riêng Ri6', [31]],
  ['Khóm', [31]],
  ['Mít Thái', [31]],
  ['Chôm chôm', [31]],
  ['Vú sữa Lò Rèn', [31]],
  ['Khổ qua', [31]],
  ['Rau an toàn', [31]],
  ['Nấm bào ngư', [31]],
  ['Nấm rơm', [31]],
  ['Cá thát lát', [29, 31]],
  ['Cá tra', [29, 31]],
  ['Lươn', [31]],
  ['Ếch', [31]],
  ['Mật ong', [30]],
  ['Bánh tráng', [30]],
  ['Bánh pía', [30]],
  ['Bánh hỏi', [30]],
  ['Nem chua', [29]],
  ['Lạp xưởng', [29]],
  ['Mắm cá lóc', [29]],
  ['Khô cá lóc', [29]],
  ['Chả cá thát lát', [29]],
  ['Trà mãng cầu', [30]],
  ['Cà phê', [30]],
  ['Rượu nếp', [33]],
  ['Nước mắm', [30]],
  ['Hoa kiểng', [31]],
  ['Gỗ mỹ nghệ', [20]],
  ['Đồ đan lát lục bình', [20, 21]],
  ['Du lịch cộng đồng', [35, 39, 43]],
  ['Homestay miệt vườn', [43]],
];

const COMPANY_WORDS = [
  'Phương Nam',
  'Tây Đô',
  'Mekong',
  'Cửu Long',
  'Hậu Giang',
  'Sông Hậu',
  'Đồng Tiến',
  'Hưng Thịnh',
  'Thành Đạt',
  'Phú Quý',
  'An Khang',
  'Minh Phát',
  'Việt Xanh',
  'Đất Việt',
  'Sao Mai',
  'Hoàng Long',
  'Thiên Phú',
  'Tân Tiến',
  'Ánh Dương',
  'Bình Minh',
  'Kim Ngân',
  'Trường Giang',
  'Hòa Bình',
  'Nam Bộ',
];

const SECTORS = [
  'Chế biến nông sản',
  'Công nghệ sinh học',
  'Công nghệ thông tin',
  'Cơ khí chế tạo',
  'Chế biến thủy sản',
  'Sản xuất phân bón hữu cơ',
  'Thực phẩm chức năng',
  'Dược liệu',
  'Vật liệu xây dựng',
  'Tự động hóa',
  'Năng lượng tái tạo',
  'Xử lý môi trường',
];

const STREETS = [
  'Nguyễn Văn Cừ',
  'Trần Hưng Đạo',
  '30 Tháng 4',
  'Mậu Thân',
  'Cách Mạng Tháng 8',
  'Nguyễn Trãi',
  'Lê Hồng Phong',
  'Võ Văn Kiệt',
  'Trần Văn Khéo',
  'Hùng Vương',
  'Lý Tự Trọng',
  'Quang Trung',
  'Nguyễn Văn Linh',
  'Lê Lợi',
  'Hai Bà Trưng',
  'Phạm Ngũ Lão',
  'Trần Quang Diệu',
  'Lộ Vòng Cung',
];

/** What a working session is about, by topic: a phrase for the title. */
const TOPIC_PHRASES = {
  intellectual_property: [
    'công tác sở hữu trí tuệ',
    'xây dựng và phát triển nhãn hiệu tập thể',
    'bảo hộ chỉ dẫn địa lý cho sản phẩm đặc sản',
  ],
  st_enterprises: ['phát triển doanh nghiệp khoa học và công nghệ', 'hỗ trợ doanh nghiệp đổi mới'],
  agriculture_technology: [
    'ứng dụng tiến bộ khoa học và công nghệ vào sản xuất nông nghiệp',
    'nhân rộng mô hình sản xuất theo hướng VietGAP',
    'chuyển giao kỹ thuật trồng trọt và chăn nuôi',
  ],
  research_development: [
    'triển khai nhiệm vụ khoa học và công nghệ cấp cơ sở',
    'nghiên cứu và phát triển',
  ],
  technology_innovation: [
    'đổi mới công nghệ và chuyển đổi số',
    'đổi mới thiết bị, công nghệ sản xuất',
  ],
  standards_quality: [
    'công tác tiêu chuẩn, đo lường, chất lượng',
    'kiểm tra đo lường và chất lượng hàng hóa',
    'áp dụng hệ thống quản lý chất lượng ISO 9001',
  ],
  ip_programme: ['Chương trình phát triển tài sản trí tuệ'],
  technology_innovation_programme: ['Chương trình đổi mới công nghệ'],
  other: ['tình hình hoạt động khoa học và công nghệ', 'phối hợp thực hiện nhiệm vụ năm'],
};

const KIND_TITLES = {
  working_visit: 'Làm việc với',
  briefing: 'Họp giao ban với',
  review_conference: 'Hội nghị sơ kết với',
  other: 'Trao đổi với',
};

const OPINIONS = [
  'Đề nghị Sở hỗ trợ kinh phí xây dựng nhãn hiệu cho sản phẩm chủ lực của địa phương.',
  'Nông dân còn gặp khó khăn về đầu ra, cần kết nối tiêu thụ sản phẩm.',
  'Đề xuất tập huấn kỹ thuật canh tác cho các hộ tham gia mô hình.',
  'Doanh nghiệp cần được hướng dẫn thủ tục chứng nhận doanh nghiệp khoa học và công nghệ.',
  'Kinh phí sự nghiệp khoa học cấp cho địa phương còn hạn chế.',
  'Đề nghị hỗ trợ thiết bị sấy, đóng gói cho hợp tác xã.',
  'Cần đẩy nhanh tiến độ thẩm định hồ sơ đăng ký nhãn hiệu tập thể.',
  'Đề nghị Sở cử cán bộ hướng dẫn áp dụng truy xuất nguồn gốc.',
  'Các hộ dân mong muốn được nhân rộng mô hình sang các phường lân cận.',
  'Việc quản lý, sử dụng nhãn hiệu sau khi được cấp văn bằng còn lúng túng.',
  'Đề xuất xây dựng điểm trình diễn ứng dụng công nghệ cao.',
  'Cần tăng cường kiểm tra đo lường tại các chợ và cửa hàng xăng dầu.',
];

const CONCLUSIONS = [
  'Giao Trung tâm Ứng dụng Tiến bộ KH&CN phối hợp địa phương khảo sát, đề xuất mô hình phù hợp.',
  'Sở KH&CN hỗ trợ địa phương hoàn thiện hồ sơ đăng ký bảo hộ nhãn hiệu tập thể.',
  'Địa phương rà soát, tổng hợp nhu cầu hỗ trợ của doanh nghiệp gửi về Sở.',
  'Tổ chức lớp tập huấn về sở hữu trí tuệ cho hợp tác xã và hộ kinh doanh.',
  'Phối hợp kiểm tra, đánh giá hiệu quả mô hình đã chuyển giao.',
  'Hỗ trợ doanh nghiệp đăng ký chứng nhận doanh nghiệp khoa học và công nghệ.',
  'Xây dựng kế hoạch nhân rộng mô hình trong năm tới.',
  'Tăng cường thông tin, tuyên truyền về hoạt động khoa học và công nghệ.',
  'Đề xuất nhiệm vụ khoa học và công nghệ cấp thành phố từ nhu cầu của địa phương.',
  'Hướng dẫn áp dụng tiêu chuẩn cơ sở và ghi nhãn hàng hóa cho sản phẩm OCOP.',
];

const TASK_VERBS = [
  'Khảo sát',
  'Hướng dẫn',
  'Hỗ trợ',
  'Tổ chức',
  'Xây dựng',
  'Phối hợp',
  'Rà soát',
  'Đánh giá',
  'Tập huấn',
  'Kiểm tra',
  'Đề xuất',
  'Báo cáo',
];

const TASK_OBJECTS = [
  'nhu cầu đổi mới công nghệ của doanh nghiệp',
  'hồ sơ đăng ký nhãn hiệu tập thể',
  'mô hình trồng rau an toàn',
  'lớp tập huấn sở hữu trí tuệ',
  'kế hoạch nhân rộng mô hình',
  'tình hình sử dụng nhãn hiệu sau bảo hộ',
  'hồ sơ chứng nhận doanh nghiệp khoa học và công nghệ',
  'việc áp dụng truy xuất nguồn gốc',
  'điểm trình diễn công nghệ cao',
  'việc ghi nhãn hàng hóa sản phẩm OCOP',
  'đo lường tại chợ và cửa hàng xăng dầu',
  'đề xuất nhiệm vụ khoa học cấp cơ sở',
  'kết quả thực hiện dự án chuyển giao',
  'thông tin về chính sách hỗ trợ',
];

const COMPLETION_NOTES = [
  'Đã hoàn thành, có báo cáo gửi Sở.',
  'Đã tổ chức thực hiện theo kế hoạch.',
  'Đã hướng dẫn địa phương hoàn thiện hồ sơ.',
  'Đã khảo sát và gửi kết quả cho lãnh đạo Sở.',
  'Hoàn thành, địa phương đã tiếp nhận.',
];

const CANCEL_REASONS = [
  'Địa phương không còn nhu cầu.',
  'Nội dung đã lồng ghép vào nhiệm vụ khác.',
  'Không bố trí được kinh phí trong năm.',
  'Điều chỉnh theo chỉ đạo của lãnh đạo Sở.',
];

const PROGRESS_NOTES = [
  'Đã làm việc với địa phương, đang tổng hợp số liệu.',
  'Đang triển khai, dự kiến hoàn thành đúng hạn.',
  'Đã hoàn thành khảo sát thực địa.',
  'Đang chờ ý kiến của các đơn vị phối hợp.',
  'Đã xây dựng dự thảo kế hoạch.',
];

const SESSION_SUMMARIES = [
  'Đoàn công tác của Sở đã nghe địa phương báo cáo kết quả thực hiện và trao đổi các khó khăn, vướng mắc.',
  'Buổi làm việc đánh giá kết quả phối hợp và thống nhất nhiệm vụ trọng tâm thời gian tới.',
  'Hai bên thống nhất nội dung hỗ trợ và phân công đơn vị chủ trì thực hiện.',
];

const SESSION_CANCEL_REASONS = [
  'Lãnh đạo Sở bận công tác đột xuất.',
  'Địa phương đề nghị lùi thời gian làm việc.',
  'Trùng lịch hội nghị của thành phố.',
];

const PROJECT_TEMPLATES = {
  agricultural_model: [
    'Xây dựng mô hình trồng {p} theo hướng VietGAP tại {u}',
    'Mô hình sản xuất {p} ứng dụng công nghệ cao tại {u}',
    'Nhân rộng mô hình nuôi {p} an toàn sinh học tại {u}',
  ],
  technology_application: [
    'Ứng dụng quy trình chế biến {p} quy mô hộ gia đình tại {u}',
    'Chuyển giao công nghệ sấy {p} cho hợp tác xã tại {u}',
  ],
  ip_development: [
    'Tạo lập, quản lý và phát triển nhãn hiệu tập thể “{p} {u}”',
    'Xây dựng chỉ dẫn địa lý cho sản phẩm {p} của {u}',
  ],
  research: ['Nghiên cứu giải pháp nâng cao giá trị {p} trên địa bàn {u}'],
  infrastructure_proposal: ['Đề xuất đầu tư điểm trình diễn công nghệ {p} tại {u}'],
  other: ['Truyền thông về {p} và khoa học công nghệ tại {u}'],
};

const INDICATORS = [
  ['Số hộ tham gia mô hình', 'hộ'],
  ['Diện tích mô hình', 'ha'],
  ['Năng suất bình quân', 'tấn/ha'],
  ['Lợi nhuận tăng so với đối chứng', '%'],
  ['Số lớp tập huấn', 'lớp'],
  ['Số người được tập huấn', 'người'],
  ['Số sản phẩm được cấp mã truy xuất', 'sản phẩm'],
  ['Hội thảo đầu bờ', 'cuộc'],
];

const NEED_TEXTS = {
  quality_standards: 'Hỗ trợ áp dụng hệ thống quản lý chất lượng và tiêu chuẩn cơ sở.',
  intellectual_property: 'Hỗ trợ đăng ký bảo hộ nhãn hiệu và kiểu dáng công nghiệp.',
  technology_innovation: 'Hỗ trợ đổi mới dây chuyền, thiết bị sản xuất.',
  funding: 'Hỗ trợ tiếp cận Quỹ phát triển khoa học và công nghệ.',
  training: 'Đào tạo nhân lực quản trị công nghệ.',
  other: 'Kết nối với viện, trường để giải mã công nghệ.',
};

module.exports = {
  personName,
  DEPARTMENT_UNITS,
  INSTITUTES,
  ASSOCIATIONS,
  PRODUCTS,
  COMPANY_WORDS,
  SECTORS,
  STREETS,
  TOPIC_PHRASES,
  KIND_TITLES,
  OPINIONS,
  CONCLUSIONS,
  TASK_VERBS,
  TASK_OBJECTS,
  COMPLETION_NOTES,
  CANCEL_REASONS,
  PROGRESS_NOTES,
  SESSION_SUMMARIES,
  SESSION_CANCEL_REASONS,
  PROJECT_TEMPLATES,
  INDICATORS,
  NEED_TEXTS,
};
