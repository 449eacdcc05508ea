//! Chinese names in both scripts with their romanisations, for synthetic rosters.
//!
//! Each character is kept once with its simplified and traditional forms side by side, so a
//! generated member's 简体 and 繁體 names are always the same name, and with the spellings each
//! region uses: Hanyu Pinyin in Guangdong ("Chen Dawei"), Hong Kong Cantonese ("Chan Tai
//! Man") and the Macao Cantonese spelling ("Chan Tai Man", but "Leong" and "Cheong" where Hong
//! Kong writes "Leung" and "Cheung").

/// A family name: simplified, traditional, Pinyin, Hong Kong and Macao spellings, and how
/// common it is (relative weight).
pub struct Surname {
    pub hans: &'static str,
    pub hant: &'static str,
    pub pinyin: &'static str,
    pub hk: &'static str,
    pub mo: &'static str,
    pub weight: u32,
}

/// Who a given-name character is mostly chosen for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Usage {
    Male,
    Female,
    Either,
}

/// One character of a given name. Pinyin is lower case so that two syllables join into one
/// word ("Dawei"); the Cantonese spellings are capitalised, one word per syllable.
pub struct GivenChar {
    pub hans: &'static str,
    pub hant: &'static str,
    pub pinyin: &'static str,
    pub hk: &'static str,
    pub mo: &'static str,
    pub usage: Usage,
}

const fn s(
    hans: &'static str,
    hant: &'static str,
    pinyin: &'static str,
    hk: &'static str,
    mo: &'static str,
    weight: u32,
) -> Surname {
    Surname {
        hans,
        hant,
        pinyin,
        hk,
        mo,
        weight,
    }
}

const fn g(
    hans: &'static str,
    hant: &'static str,
    pinyin: &'static str,
    hk: &'static str,
    mo: &'static str,
    usage: Usage,
) -> GivenChar {
    GivenChar {
        hans,
        hant,
        pinyin,
        hk,
        mo,
        usage,
    }
}

/// Common family names of the three regions, roughly by frequency in Guangdong.
pub const SURNAMES: &[Surname] = &[
    s("陈", "陳", "Chen", "Chan", "Chan", 100),
    s("李", "李", "Li", "Lee", "Lei", 80),
    s("黄", "黃", "Huang", "Wong", "Wong", 80),
    s("张", "張", "Zhang", "Cheung", "Cheong", 60),
    s("梁", "梁", "Liang", "Leung", "Leong", 50),
    s("刘", "劉", "Liu", "Lau", "Lao", 50),
    s("林", "林", "Lin", "Lam", "Lam", 50),
    s("王", "王", "Wang", "Wong", "Wong", 40),
    s("吴", "吳", "Wu", "Ng", "Ng", 40),
    s("何", "何", "He", "Ho", "Ho", 40),
    s("郑", "鄭", "Zheng", "Cheng", "Cheang", 30),
    s("罗", "羅", "Luo", "Law", "Lo", 30),
    s("杨", "楊", "Yang", "Yeung", "Ieong", 30),
    s("周", "周", "Zhou", "Chow", "Chau", 30),
    s("谢", "謝", "Xie", "Tse", "Tse", 20),
    s("邓", "鄧", "Deng", "Tang", "Tang", 20),
    s("叶", "葉", "Ye", "Yip", "Ip", 20),
    s("曾", "曾", "Zeng", "Tsang", "Chang", 20),
    s("冯", "馮", "Feng", "Fung", "Fong", 20),
    s("蔡", "蔡", "Cai", "Choi", "Choi", 20),
    s("许", "許", "Xu", "Hui", "Hoi", 20),
    s("郭", "郭", "Guo", "Kwok", "Kuok", 20),
    s("徐", "徐", "Xu", "Tsui", "Choi", 20),
    s("朱", "朱", "Zhu", "Chu", "Chu", 20),
    s("胡", "胡", "Hu", "Wu", "Wu", 20),
    s("麦", "麥", "Mai", "Mak", "Mak", 10),
    s("苏", "蘇", "Su", "So", "Sou", 10),
    s("卢", "盧", "Lu", "Lo", "Lou", 10),
    s("马", "馬", "Ma", "Ma", "Ma", 10),
    s("袁", "袁", "Yuan", "Yuen", "Un", 10),
    s("潘", "潘", "Pan", "Poon", "Pun", 10),
    s("钟", "鍾", "Zhong", "Chung", "Chong", 10),
    s("孙", "孫", "Sun", "Suen", "Sun", 10),
    s("彭", "彭", "Peng", "Pang", "Pang", 10),
    s("温", "溫", "Wen", "Wan", "Wan", 10),
    s("江", "江", "Jiang", "Kong", "Kong", 10),
    s("廖", "廖", "Liao", "Liu", "Lio", 10),
    s("区", "區", "Ou", "Au", "Au", 5),
    s("欧阳", "歐陽", "Ouyang", "Au Yeung", "Au Ieong", 4),
    s("司徒", "司徒", "Situ", "Szeto", "Si Tou", 3),
];

use Usage::{Either, Female, Male};

/// Characters common in given names.
pub const GIVEN: &[GivenChar] = &[
    g("伟", "偉", "wei", "Wai", "Wai", Male),
    g("华", "華", "hua", "Wa", "Va", Either),
    g("明", "明", "ming", "Ming", "Meng", Male),
    g("志", "志", "zhi", "Chi", "Chi", Male),
    g("国", "國", "guo", "Kwok", "Kuok", Male),
    g("建", "建", "jian", "Kin", "Kin", Male),
    g("文", "文", "wen", "Man", "Man", Either),
    g("杰", "傑", "jie", "Kit", "Kit", Male),
    g("俊", "俊", "jun", "Chun", "Chon", Male),
    g("家", "家", "jia", "Ka", "Ka", Either),
    g("嘉", "嘉", "jia", "Ka", "Ka", Either),
    g("强", "強", "qiang", "Keung", "Keong", Male),
    g("军", "軍", "jun", "Kwan", "Kuan", Male),
    g("勇", "勇", "yong", "Yung", "Iong", Male),
    g("辉", "輝", "hui", "Fai", "Fai", Male),
    g("健", "健", "jian", "Kin", "Kin", Male),
    g("荣", "榮", "rong", "Wing", "Weng", Male),
    g("永", "永", "yong", "Wing", "Weng", Male),
    g("大", "大", "da", "Tai", "Tai", Male),
    g("小", "小", "xiao", "Siu", "Sio", Either),
    g("海", "海", "hai", "Hoi", "Hoi", Male),
    g("涛", "濤", "tao", "To", "Tou", Male),
    g("鹏", "鵬", "peng", "Pang", "Pang", Male),
    g("龙", "龍", "long", "Lung", "Long", Male),
    g("锋", "鋒", "feng", "Fung", "Fong", Male),
    g("宏", "宏", "hong", "Wang", "Wang", Male),
    g("达", "達", "da", "Tat", "Tat", Male),
    g("峰", "峰", "feng", "Fung", "Fong", Male),
    g("斌", "斌", "bin", "Pan", "Pan", Male),
    g("东", "東", "dong", "Tung", "Tong", Male),
    g("振", "振", "zhen", "Chun", "Chan", Male),
    g("浩", "浩", "hao", "Ho", "Hou", Male),
    g("宇", "宇", "yu", "Yu", "U", Male),
    g("泽", "澤", "ze", "Chak", "Chak", Male),
    g("天", "天", "tian", "Tin", "Tin", Male),
    g("德", "德", "de", "Tak", "Tak", Male),
    g("贤", "賢", "xian", "Yin", "In", Male),
    g("卫", "衛", "wei", "Wai", "Wai", Male),
    g("兴", "興", "xing", "Hing", "Heng", Male),
    g("凯", "凱", "kai", "Hoi", "Hoi", Male),
    g("铭", "銘", "ming", "Ming", "Meng", Male),
    g("鸿", "鴻", "hong", "Hung", "Hong", Male),
    g("耀", "耀", "yao", "Yiu", "Io", Male),
    g("伦", "倫", "lun", "Lun", "Lon", Male),
    g("敏", "敏", "min", "Man", "Man", Either),
    g("晓", "曉", "xiao", "Hiu", "Hio", Either),
    g("子", "子", "zi", "Tsz", "Chi", Either),
    g("思", "思", "si", "Sze", "Si", Either),
    g("楠", "楠", "nan", "Nam", "Nam", Either),
    g("梓", "梓", "zi", "Tsz", "Chi", Either),
    g("锦", "錦", "jin", "Kam", "Kam", Either),
    g("丽", "麗", "li", "Lai", "Lai", Female),
    g("芳", "芳", "fang", "Fong", "Fong", Female),
    g("静", "靜", "jing", "Ching", "Cheng", Female),
    g("婷", "婷", "ting", "Ting", "Teng", Female),
    g("玲", "玲", "ling", "Ling", "Leng", Female),
    g("慧", "慧", "hui", "Wai", "Wai", Female),
    g("颖", "穎", "ying", "Wing", "Weng", Female),
    g("欣", "欣", "xin", "Yan", "Ian", Female),
    g("怡", "怡", "yi", "Yi", "I", Female),
    g("诗", "詩", "shi", "Sze", "Si", Female),
    g("雅", "雅", "ya", "Nga", "Nga", Female),
    g("琳", "琳", "lin", "Lam", "Lam", Female),
    g("燕", "燕", "yan", "Yin", "In", Female),
    g("红", "紅", "hong", "Hung", "Hong", Female),
    g("丹", "丹", "dan", "Tan", "Tan", Female),
    g("晴", "晴", "qing", "Ching", "Cheng", Female),
    g("洁", "潔", "jie", "Kit", "Kit", Female),
    g("美", "美", "mei", "Mei", "Mei", Female),
    g("秀", "秀", "xiu", "Sau", "Sau", Female),
    g("佩", "佩", "pei", "Pui", "Pui", Female),
    g("凤", "鳳", "feng", "Fung", "Fong", Female),
];

/// English names many Hong Kong and Macao engineers put before their Chinese name.
pub const WESTERN_MALE: &[&str] = &[
    "Peter", "David", "Michael", "Kenneth", "Raymond", "Eric", "Alan", "Tony", "Kelvin", "Patrick",
    "Jason", "Ivan", "Wilson", "Vincent", "Stanley", "Edmund", "Calvin", "Derek", "Gary", "Samuel",
];
pub const WESTERN_FEMALE: &[&str] = &[
    "Mary", "Karen", "Winnie", "Cecilia", "Grace", "Joyce", "Vivian", "Iris", "Queenie", "Rebecca",
    "Fiona", "Carmen",
];

/// Portuguese Christian names, for the Macao members whose Portuguese name carries one.
pub const PORTUGUESE_MALE: &[&str] = &[
    "José",
    "João",
    "António",
    "Paulo",
    "Francisco",
    "Manuel",
    "Carlos",
    "Luís",
];
pub const PORTUGUESE_FEMALE: &[&str] = &["Maria", "Ana", "Teresa", "Isabel", "Rita", "Sofia"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_well_formed() {
        for x in SURNAMES {
            assert_eq!(x.hans.chars().count(), x.hant.chars().count(), "{}", x.hans);
            assert!(x.weight > 0);
        }
        for x in GIVEN {
            assert_eq!(x.hans.chars().count(), 1, "{}", x.hans);
            assert_eq!(x.hant.chars().count(), 1, "{}", x.hant);
            assert!(
                x.pinyin.chars().all(|c| c.is_ascii_lowercase()),
                "{}",
                x.pinyin
            );
            assert!(
                x.hk.starts_with(|c: char| c.is_ascii_uppercase()),
                "{}",
                x.hk
            );
            assert!(
                x.mo.starts_with(|c: char| c.is_ascii_uppercase()),
                "{}",
                x.mo
            );
        }
        // Every usage has characters to choose from.
        for usage in [Usage::Male, Usage::Female] {
            assert!(GIVEN.iter().filter(|x| x.usage == usage).count() > 10);
        }
    }
}
