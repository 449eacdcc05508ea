//! The demo data shipped with the platform (`data/demo/`), compiled in once so the binary,
//! the store and every test read the very same files.

use crate::dataset::Dataset;

/// The register's demo files, as (name, text).
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

/// The demo accounts, one for each role and kind of society.
pub const USERS: &str = include_str!("../../../data/demo/users.toml");

/// The demo engineer profiles.
pub const ENGINEERS: &str = include_str!("../../../data/demo/engineers.toml");

/// The parsed and checked demo register. The files are part of the build and tested, so a
/// failure here is a defect of the build itself.
pub fn dataset() -> Dataset {
    Dataset::from_files(FILES).unwrap_or_else(|errors| {
        let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("the bundled demo data is invalid:\n{}", list.join("\n"))
    })
}
