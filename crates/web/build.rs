//! Bundles what is read from folders at build time, so that adding a file needs no code:
//!
//! - every `assets/*.css`, in name order, into one stylesheet, with a hash of its bytes for a
//!   fingerprinted URL that browsers may cache for a year;
//! - `locales/pt.ftl` and every `locales/*/pt.ftl`, in name order, into one Portuguese source
//!   (Portuguese covers the public pages only, so only some folders have it).

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=assets");
    println!("cargo:rerun-if-changed=locales");

    let mut css = String::new();
    for path in files(Path::new("assets"), |p| {
        p.extension().is_some_and(|e| e == "css")
    }) {
        println!("cargo:rerun-if-changed={}", path.display());
        let text = read(&path);
        writeln!(css, "/* {} */", path.display()).expect("writing to a string");
        css.push_str(&text);
        if !css.ends_with('\n') {
            css.push('\n');
        }
    }
    fs::write(out.join("style.css"), &css).expect("OUT_DIR is writable");
    fs::write(
        out.join("style_hash.txt"),
        format!("{:016x}", fnv1a(css.as_bytes())),
    )
    .expect("OUT_DIR is writable");

    let mut pt = read(Path::new("locales/pt.ftl"));
    let mut folders = files(Path::new("locales"), Path::is_dir);
    folders.sort();
    for folder in folders {
        let file = folder.join("pt.ftl");
        if file.is_file() {
            println!("cargo:rerun-if-changed={}", file.display());
            pt.push('\n');
            pt.push_str(&read(&file));
        }
    }
    fs::write(out.join("pt.ftl"), pt).expect("OUT_DIR is writable");
}

/// The entries of `dir` that `keep` accepts, in name order.
fn files(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{} cannot be read: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| keep(p))
        .collect();
    found.sort();
    found
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{} cannot be read: {e}", path.display()))
}

/// FNV-1a, 64 bits: a fingerprint that changes with any byte, which is all a cache-busting
/// URL needs (nothing here must resist a forger).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
