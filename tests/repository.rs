//! Files in the repository that are generated from the code stay in sync with it,
//! and the project's own README passes its own default policy.
//! `BLESS=1 cargo test` rewrites the generated parts.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some()
}

#[test]
fn readme_rules_table_matches_the_registry() {
    let path = root().join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start_marker, end_marker) = ("<!-- rules-table:start -->\n", "<!-- rules-table:end -->");
    let start = readme.find(start_marker).expect("start marker") + start_marker.len();
    let end = readme.find(end_marker).expect("end marker");
    let table = readme_lint::rules::markdown_table();
    if bless() {
        let updated = format!("{}{}{}", &readme[..start], table, &readme[end..]);
        std::fs::write(&path, updated).unwrap();
    } else {
        assert_eq!(
            &readme[start..end],
            table,
            "README.md's rules table is stale: run `BLESS=1 cargo test`"
        );
    }
}

#[test]
fn json_schema_file_matches_the_config_types() {
    let path = root().join("readme-lint.schema.json");
    let schema = readme_lint::config::file::json_schema();
    if bless() {
        std::fs::write(&path, &schema).unwrap();
    } else {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert_eq!(
            committed, schema,
            "readme-lint.schema.json is stale: run `BLESS=1 cargo test`"
        );
    }
}

#[test]
fn every_rule_doc_is_linked_from_the_readme() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    for rule in readme_lint::rules::RULES {
        let link = format!("rules/docs/{}.md", rule.meta().name);
        assert!(readme.contains(&link), "README.md does not link {link}");
        assert!(Path::new(&root().join(&link)).is_file());
    }
}

#[test]
fn own_readme_passes_the_recommended_policy() {
    let output = Command::new(env!("CARGO_BIN_EXE_readme-lint"))
        .args([
            "--config",
            "rules/presets/recommended.yml",
            "--output-format",
            "concise",
            "README.md",
        ])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
