//! The demo data set shipped with the platform, so a first start shows a living mechanism.
//! The files live in `data/demo/`; anything the founding record does not name is marked
//! `sample = true` there.

use wanqiao_domain::dataset::Dataset;

/// Every demo file, as (name, text).
pub const FILES: [(&str, &str); 10] = [
    (
        "societies.toml",
        include_str!("../../../data/demo/societies.toml"),
    ),
    (
        "specialties.toml",
        include_str!("../../../data/demo/specialties.toml"),
    ),
    (
        "frameworks.toml",
        include_str!("../../../data/demo/frameworks.toml"),
    ),
    (
        "fellows.toml",
        include_str!("../../../data/demo/fellows.toml"),
    ),
    (
        "activities.toml",
        include_str!("../../../data/demo/activities.toml"),
    ),
    (
        "agreements/building.toml",
        include_str!("../../../data/demo/agreements/building.toml"),
    ),
    (
        "agreements/measurement-control.toml",
        include_str!("../../../data/demo/agreements/measurement-control.toml"),
    ),
    (
        "agreements/computing-it.toml",
        include_str!("../../../data/demo/agreements/computing-it.toml"),
    ),
    (
        "agreements/civil.toml",
        include_str!("../../../data/demo/agreements/civil.toml"),
    ),
    (
        "agreements/electrical-intent.toml",
        include_str!("../../../data/demo/agreements/electrical-intent.toml"),
    ),
];

/// The parsed and checked demo data. The files are part of the build and tested, so a
/// failure here is a defect of the build itself.
pub fn dataset() -> Dataset {
    Dataset::from_files(FILES).unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the bundled demo data is invalid:\n{}", list.join("\n"))
    })
}
