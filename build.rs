//! Turns the built-in catalogues (`rules/badges.yml`, `rules/sections.yml`) into JSON for
//! the binary to embed: reading YAML took most of the instructions of a one-README run,
//! and serde_json reads the same data in a small fraction of that. The YAML files stay
//! the one place the catalogues are written; the types are shared with the crate
//! through the modules included below, which depend on serde alone.

#[allow(dead_code)]
#[path = "src/badges/catalog_file.rs"]
mod catalog_file;
#[allow(dead_code)]
#[path = "src/section_defs.rs"]
mod section_defs;

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

fn main() {
    // The crate derives JSON Schemas for these types; the build script has no need of them.
    println!("cargo::rustc-cfg=readme_lint_schema");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    convert::<catalog_file::CatalogFile>(
        "rules/badges.yml",
        "src/badges/catalog_file.rs",
        &out.join("badges.json"),
    );
    convert::<section_defs::SectionsFile>(
        "rules/sections.yml",
        "src/section_defs.rs",
        &out.join("sections.json"),
    );
}

/// Reads the YAML file `source` into `T` (defined in `types`) and writes it as JSON.
fn convert<T: DeserializeOwned + Serialize>(source: &str, types: &str, json: &Path) {
    println!("cargo::rerun-if-changed={source}");
    println!("cargo::rerun-if-changed={types}");
    let text = std::fs::read_to_string(source).unwrap_or_else(|error| panic!("{source}: {error}"));
    let value: T = serde_saphyr::from_str(&text).unwrap_or_else(|error| panic!("{source}: {error}"));
    let written = serde_json::to_string(&value).expect("the catalogue serializes");
    std::fs::write(json, written).unwrap_or_else(|error| panic!("{}: {error}", json.display()));
}
