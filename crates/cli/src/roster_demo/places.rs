//! Where synthetic members work and studied: plausible firms, public bodies, institutes and
//! universities of each region, and degree titles by specialty.
//!
//! Guangdong rosters are kept in Chinese, Hong Kong and Macao ones in English, so each
//! region's texts are in the language its societies would write them in. Firm names are
//! built from a template, a city and a brand word ("深圳市宏达建筑工程有限公司", "Harbour
//! Consulting Engineers Ltd"); public bodies and universities are listed as they are.

/// The region a society belongs to, which decides languages, spellings and places.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Region {
    Guangdong,
    HongKong,
    Macao,
}

/// The kind of degree, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DegreeKind {
    Diploma,
    Bachelor,
    Master,
    Doctorate,
}

impl DegreeKind {
    pub const ALL: [DegreeKind; 4] = [
        DegreeKind::Diploma,
        DegreeKind::Bachelor,
        DegreeKind::Master,
        DegreeKind::Doctorate,
    ];
}

const GD_CITIES: &[&str] = &[
    "广州", "深圳", "佛山", "东莞", "珠海", "中山", "惠州", "江门", "肇庆",
];
const GD_BRANDS: &[&str] = &[
    "华南",
    "粤海",
    "宏达",
    "恒信",
    "中科",
    "南方",
    "珠江",
    "鹏城",
    "岭南",
    "湾区",
    "汇通",
    "联创",
    "天健",
    "金桥",
    "星河",
    "新世纪",
];
const HK_BRANDS: &[&str] = &[
    "Harbour",
    "Victoria",
    "Kowloon",
    "Pacific",
    "Lion Rock",
    "Tsing Yi",
    "Pearl River",
    "Eastern",
    "Island",
    "Bauhinia",
    "Sai Kung",
    "Peak",
];
const MO_BRANDS: &[&str] = &[
    "Lótus", "Penha", "Taipa", "Coloane", "Guia", "Senado", "Barra", "Mong-Há", "Hengqin",
    "Oriental",
];

/// Employer templates by specialty and region: `{c}` is a city, `{x}` a brand word.
fn employer_templates(specialty: &str, region: Region) -> &'static [&'static str] {
    use Region::*;
    match (specialty, region) {
        ("building", Guangdong) => &[
            "{c}市建筑设计研究院有限公司",
            "{c}市{x}建筑工程有限公司",
            "{c}{x}建设集团有限公司",
            "{c}市房屋安全鉴定所",
        ],
        ("civil", Guangdong) => &[
            "{c}市市政工程设计研究院",
            "{c}地铁集团有限公司",
            "{c}市交通规划设计院",
            "{c}市{x}路桥建设有限公司",
        ],
        ("measurement-control", Guangdong) => &[
            "{c}市计量检测技术研究院",
            "{c}{x}仪器仪表有限公司",
            "{c}市{x}自动化科技有限公司",
            "广东省计量科学研究院",
        ],
        ("computing-it", Guangdong) => &[
            "{c}{x}信息技术有限公司",
            "{c}市{x}软件有限公司",
            "{c}{x}数据科技有限公司",
            "{c}市政务服务数据管理局",
        ],
        ("quality", Guangdong) => &[
            "{c}市质量技术监督检测中心",
            "{c}{x}认证有限公司",
            "{c}市{x}检测有限公司",
        ],
        ("electrical", Guangdong) => &[
            "广东电网有限责任公司{c}供电局",
            "{c}市{x}电气工程有限公司",
            "{c}{x}电力设计院有限公司",
        ],
        (_, Guangdong) => &["{c}市{x}工程有限公司", "{c}{x}工程咨询有限公司"],
        ("building", HongKong) => &[
            "{x} Architects and Engineers Ltd",
            "{x} Building Services Engineering Ltd",
            "Buildings Department",
            "Architectural Services Department",
            "Housing Department",
        ],
        ("civil", HongKong) => &[
            "{x} Consulting Engineers Ltd",
            "{x} Civil Engineering Co Ltd",
            "Civil Engineering and Development Department",
            "Highways Department",
            "Drainage Services Department",
            "MTR Corporation",
        ],
        ("measurement-control", HongKong) => &[
            "{x} Instrumentation Ltd",
            "{x} Calibration Services Ltd",
            "Electrical and Mechanical Services Department",
            "Hong Kong Productivity Council",
            "Government Laboratory",
        ],
        ("computing-it", HongKong) => &[
            "{x} Technology Ltd",
            "{x} Systems Ltd",
            "Digital Policy Office",
            "Hospital Authority",
            "Hong Kong Applied Science and Technology Research Institute",
        ],
        ("quality", HongKong) => &[
            "{x} Testing and Certification Ltd",
            "{x} Quality Services Ltd",
            "Hong Kong Quality Assurance Agency",
        ],
        ("electrical", HongKong) => &[
            "{x} Electrical Engineering Ltd",
            "CLP Power Hong Kong Ltd",
            "The Hongkong Electric Co Ltd",
            "Electrical and Mechanical Services Department",
        ],
        (_, HongKong) => &["{x} Engineering Ltd", "{x} Engineering Consultants Ltd"],
        ("building", Macao) => &[
            "{x} Construction Co Ltd",
            "{x} Engenharia Lda",
            "Public Works Bureau",
            "Macao Housing Bureau",
        ],
        ("civil", Macao) => &[
            "{x} Engenharia Civil Lda",
            "Public Works Bureau",
            "Macao Light Rapid Transit Corporation",
            "Transport Bureau",
        ],
        ("measurement-control", Macao) => &[
            "{x} Instrumentação Lda",
            "Macao Water Supply Co Ltd",
            "Macao Meteorological and Geophysical Bureau",
        ],
        ("computing-it", Macao) => &[
            "{x} Informática Lda",
            "{x} Technology Ltd",
            "Public Administration and Civil Service Bureau",
            "Macao Productivity and Technology Transfer Center",
        ],
        ("quality", Macao) => &[
            "{x} Quality Services Lda",
            "Economic and Technological Development Bureau",
        ],
        ("electrical", Macao) => &[
            "{x} Electrical Engineering Lda",
            "Companhia de Electricidade de Macau",
        ],
        (_, Macao) => &["{x} Engenharia Lda", "{x} Engineering Co Ltd"],
    }
}

/// Every employer name for a specialty in a region, each template filled with every city
/// and brand it names.
pub fn employers(specialty: &str, region: Region) -> Vec<String> {
    let (cities, brands): (&[&str], &[&str]) = match region {
        Region::Guangdong => (GD_CITIES, GD_BRANDS),
        Region::HongKong => (&[""], HK_BRANDS),
        Region::Macao => (&[""], MO_BRANDS),
    };
    let mut out = Vec::new();
    for template in employer_templates(specialty, region) {
        let cities = if template.contains("{c}") {
            cities
        } else {
            &[""]
        };
        let brands = if template.contains("{x}") {
            brands
        } else {
            &[""]
        };
        for c in cities {
            for x in brands {
                out.push(template.replace("{c}", c).replace("{x}", x));
            }
        }
    }
    out
}

/// Universities and colleges where a region's members studied for a kind of degree: mostly
/// local, some elsewhere (Guangdong members from other provinces' universities, Hong Kong
/// members from the United Kingdom and Australia, Macao members from Taiwan, Portugal and the
/// mainland).
pub fn institutions(region: Region, kind: DegreeKind) -> &'static [&'static str] {
    match (region, kind) {
        (Region::Guangdong, DegreeKind::Diploma) => &[
            "广东建设职业技术学院",
            "广州番禺职业技术学院",
            "深圳职业技术大学",
            "广东水利电力职业技术学院",
            "广东机电职业技术学院",
        ],
        (Region::Guangdong, _) => &[
            "华南理工大学",
            "华南理工大学",
            "中山大学",
            "广东工业大学",
            "广东工业大学",
            "深圳大学",
            "暨南大学",
            "广州大学",
            "东莞理工学院",
            "五邑大学",
            "南方科技大学",
            "哈尔滨工业大学（深圳）",
            "同济大学",
            "清华大学",
            "武汉大学",
            "湖南大学",
            "重庆大学",
        ],
        (Region::HongKong, DegreeKind::Diploma) => &[
            "Hong Kong Institute of Vocational Education",
            "The Hong Kong Polytechnic University",
        ],
        (Region::HongKong, _) => &[
            "The University of Hong Kong",
            "The Hong Kong Polytechnic University",
            "The Hong Kong Polytechnic University",
            "The Hong Kong University of Science and Technology",
            "City University of Hong Kong",
            "The Chinese University of Hong Kong",
            "Imperial College London",
            "The University of Manchester",
            "University of New South Wales",
        ],
        (Region::Macao, DegreeKind::Diploma) => {
            &["Macao Polytechnic University", "City University of Macau"]
        }
        (Region::Macao, _) => &[
            "University of Macau",
            "University of Macau",
            "Macau University of Science and Technology",
            "Macao Polytechnic University",
            "City University of Macau",
            "Instituto Superior Técnico",
            "National Taiwan University",
            "National Cheng Kung University",
            "South China University of Technology",
        ],
    }
}

/// Subjects of degrees that lead into a specialty, in Chinese and in English. `None` for a
/// specialty the tables do not know: its own name is used then.
pub fn subjects(specialty: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match specialty {
        "building" => (
            &[
                "建筑工程",
                "建筑环境与能源应用工程",
                "土木工程",
                "建筑电气与智能化",
            ],
            &[
                "Building Services Engineering",
                "Civil Engineering",
                "Building Engineering",
                "Structural Engineering",
            ],
        ),
        "civil" => (
            &[
                "土木工程",
                "道路桥梁与渡河工程",
                "岩土工程",
                "给排水科学与工程",
            ],
            &[
                "Civil Engineering",
                "Civil and Structural Engineering",
                "Geotechnical Engineering",
                "Transport Engineering",
            ],
        ),
        "measurement-control" => (
            &["测控技术与仪器", "自动化", "仪器科学与技术", "电子信息工程"],
            &[
                "Instrumentation and Control Engineering",
                "Electronic Engineering",
                "Mechatronic Engineering",
                "Metrology",
            ],
        ),
        "computing-it" => (
            &["计算机科学与技术", "软件工程", "信息工程", "网络工程"],
            &[
                "Computer Science",
                "Computer Engineering",
                "Information Engineering",
                "Software Engineering",
            ],
        ),
        "quality" => (
            &["质量管理工程", "工业工程", "标准化工程", "机械工程"],
            &[
                "Industrial Engineering",
                "Quality Engineering",
                "Manufacturing Engineering",
                "Engineering Management",
            ],
        ),
        "electrical" => (
            &[
                "电气工程及其自动化",
                "电力系统及其自动化",
                "智能电网信息工程",
            ],
            &[
                "Electrical Engineering",
                "Electrical and Electronic Engineering",
                "Power Engineering",
            ],
        ),
        _ => return None,
    })
}

/// A degree title: "工学学士（土木工程）" in Guangdong, "BEng (Hons) Civil Engineering" in Hong
/// Kong and Macao.
pub fn degree_title(region: Region, kind: DegreeKind, subject: &str) -> String {
    match (region, kind) {
        (Region::Guangdong, DegreeKind::Diploma) => format!("大专（{subject}）"),
        (Region::Guangdong, DegreeKind::Bachelor) => format!("工学学士（{subject}）"),
        (Region::Guangdong, DegreeKind::Master) => format!("工学硕士（{subject}）"),
        (Region::Guangdong, DegreeKind::Doctorate) => format!("工学博士（{subject}）"),
        (_, DegreeKind::Diploma) => format!("Higher Diploma in {subject}"),
        (Region::HongKong, DegreeKind::Bachelor) => format!("BEng (Hons) {subject}"),
        (Region::Macao, DegreeKind::Bachelor) => format!("BSc {subject}"),
        (_, DegreeKind::Master) => format!("MSc {subject}"),
        (_, DegreeKind::Doctorate) => format!("PhD {subject}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_is_filled_and_safe_in_a_csv_cell() {
        for region in [Region::Guangdong, Region::HongKong, Region::Macao] {
            for specialty in ["building", "civil", "computing-it", "unknown"] {
                let list = employers(specialty, region);
                assert!(list.len() >= 3, "{specialty} {region:?}");
                for e in &list {
                    assert!(!e.contains(['{', ',', '"', '\n']) && e.len() <= 200, "{e}");
                }
            }
            for kind in DegreeKind::ALL {
                assert!(!institutions(region, kind).is_empty());
            }
        }
        assert_eq!(
            employers("civil", Region::Guangdong)[0],
            "广州市市政工程设计研究院"
        );
    }
}
