//! Scaffolds a rule: `cargo run --example new-rule -- NAME CODE` writes the four files a
//! rule is made of, then regenerates what is derived from them.
//!
//! Written by hand (this writes a working example of each, to be edited):
//! - `src/rules/<name>.rs`: the rule (its metadata and its check);
//! - `src/rules/mod.rs`: its `mod` line and its place in `RULES`, in code order;
//! - `rules/docs/<name>.md`: its documentation, with the header its metadata implies;
//! - `tests/fixtures/<name>/`: a fixture that triggers it, with a config turning it on.
//!
//! Regenerated (`BLESS=1 cargo test --test fixtures --test repository -- fixtures
//! rules_table json_schema`, then `TRYCMD=overwrite cargo test --test cli`): the fixture's snapshot, the README's rules
//! table, the config schema and the `config` command's snapshot. `--no-regenerate` leaves
//! that to you.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let regenerate = !args.iter().any(|arg| arg == "--no-regenerate");
    let positional: Vec<&String> = args.iter().filter(|arg| !arg.starts_with("--")).collect();
    let [name, code] = positional.as_slice() else {
        eprintln!(
            "usage: cargo run --example new-rule -- NAME CODE [--no-regenerate]\n  e.g. cargo run --example new-rule -- heading-todo RL113"
        );
        return ExitCode::from(2);
    };
    match scaffold(Path::new(env!("CARGO_MANIFEST_DIR")), name, code, regenerate) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("new-rule: {message}");
            ExitCode::from(2)
        }
    }
}

fn scaffold(root: &Path, name: &str, code: &str, regenerate: bool) -> Result<(), String> {
    if name.is_empty()
        || !name.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-')
        || name.starts_with('-')
        || name.ends_with('-')
    {
        return Err(format!(
            "NAME must be kebab-case, like `heading-todo` (got `{name}`)"
        ));
    }
    let digits = code
        .strip_prefix("RL")
        .filter(|digits| digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()));
    let Some(digits) = digits else {
        return Err(format!(
            "CODE must be RL and three digits, like RL113 (got `{code}`)"
        ));
    };
    let category = match digits.as_bytes()[0] {
        b'0' => "Document",
        b'1' => "Sections",
        b'2' => "Badges",
        b'3' => "Dates",
        b'4' => "Links",
        _ => return Err(format!("{code}: the hundreds digit names the family, 0 to 4")),
    };
    let module = name.replace('-', "_");
    let type_name: String = name
        .split('-')
        .map(|word| word[..1].to_ascii_uppercase() + &word[1..])
        .collect();
    let rules_dir = root.join("src/rules");
    let rule_file = rules_dir.join(format!("{module}.rs"));
    let doc_file = root.join(format!("rules/docs/{name}.md"));
    let fixture_dir = root.join(format!("tests/fixtures/{name}"));
    for path in [&rule_file, &doc_file, &fixture_dir] {
        if path.exists() {
            return Err(format!("{} exists already", path.display()));
        }
    }
    let registry_path = rules_dir.join("mod.rs");
    let registry = fs::read_to_string(&registry_path)
        .map_err(|error| format!("{}: {error}", registry_path.display()))?;
    let codes = registered_codes(&rules_dir, &registry)?;
    if let Some((_, existing)) = codes.iter().find(|(taken, _)| taken == code) {
        return Err(format!("{code} is taken by `{existing}`"));
    }

    let registry = with_rule(&registry, &module, &type_name, code, &codes)?;
    write(&rule_file, &rule_source(name, code, category, &type_name))?;
    write(&registry_path, &registry)?;
    write(&doc_file, &doc_source(name, code, category))?;
    write(
        &fixture_dir.join(".readme-lint.yml"),
        &format!("rules:\n  {name}: warn\n"),
    )?;
    write(
        &fixture_dir.join(format!("{name}.md")),
        "# demo\n\nA demo of the rule.\n\n## TODO\n\nNothing yet.\n\n## License\n\nMIT\n",
    )?;
    println!(
        "wrote {}, {}, {} and {}/",
        rule_file.display(),
        registry_path.display(),
        doc_file.display(),
        fixture_dir.display()
    );
    if regenerate {
        // Only the tests that write what they check (the others would read the README
        // before its table is rewritten).
        cargo(
            root,
            &[("BLESS", "1")],
            &[
                "test",
                "--test",
                "fixtures",
                "--test",
                "repository",
                "--",
                "fixtures",
                "rules_table",
                "json_schema",
            ],
        )?;
        cargo(root, &[("TRYCMD", "overwrite")], &["test", "--test", "cli"])?;
        println!(
            "regenerated the fixture snapshot, the README's rules table, the schema and the CLI snapshots"
        );
    }
    println!("now make {name} check what it should: edit the four files, then `cargo test`");
    Ok(())
}

/// The code of each rule `RULES` lists, with its line, in order.
fn registered_codes(rules_dir: &Path, registry: &str) -> Result<Vec<(String, String)>, String> {
    let start = registry
        .find("pub static RULES")
        .ok_or("src/rules/mod.rs has no `pub static RULES`")?;
    let list = &registry[start
        ..registry[start..]
            .find("];")
            .map_or(registry.len(), |end| start + end)];
    let mut codes = Vec::new();
    for line in list.lines().map(str::trim).filter(|line| line.starts_with('&')) {
        let module = line
            .trim_start_matches('&')
            .split("::")
            .next()
            .unwrap_or_default();
        let path = rules_dir.join(format!("{module}.rs"));
        let text = fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        let code = text
            .split("code: \"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .ok_or_else(|| format!("{}: no `code: \"RL...\"`", path.display()))?;
        codes.push((code.to_string(), line.to_string()));
    }
    Ok(codes)
}

/// `registry` with `mod MODULE;` among the `mod` lines (alphabetical) and the rule in
/// `RULES` before the first rule with a higher code.
fn with_rule(
    registry: &str,
    module: &str,
    type_name: &str,
    code: &str,
    codes: &[(String, String)],
) -> Result<String, String> {
    let mut lines: Vec<String> = registry.lines().map(str::to_string).collect();
    let mod_name = |line: &str| -> Option<String> {
        let rest = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("mod "))?;
        Some(rest.trim_end_matches(';').to_string())
    };
    let mod_lines: Vec<usize> = (0..lines.len())
        .filter(|&index| mod_name(&lines[index]).is_some())
        .collect();
    let last_mod = *mod_lines.last().ok_or("src/rules/mod.rs has no `mod` lines")?;
    let at = mod_lines
        .iter()
        .copied()
        .find(|&index| mod_name(&lines[index]).is_some_and(|other| other.as_str() > module))
        .unwrap_or(last_mod + 1);
    lines.insert(at, format!("mod {module};"));
    let entry = format!("    &{module}::{type_name},");
    let before = codes
        .iter()
        .find(|(other, _)| other.as_str() > code)
        .map(|(_, line)| line.clone());
    let at = match before {
        Some(line) => lines.iter().position(|candidate| candidate.trim() == line),
        None => lines.iter().position(|candidate| candidate.trim() == "];"),
    }
    .ok_or("cannot find where the rule goes in RULES")?;
    lines.insert(at, entry);
    Ok(lines.join("\n") + "\n")
}

fn rule_source(name: &str, code: &str, category: &str, type_name: &str) -> String {
    format!(
        r#"//! {code} {name}: a heading still says TODO. (A working example: make it check
//! what the rule is for.)

use super::{{Category, Fixable, LintContext, Options, Rule, RuleMeta}};
use crate::diagnostic::{{Finding, Severity}};

pub struct {type_name};

static META: RuleMeta = RuleMeta {{
    code: "{code}",
    name: "{name}",
    category: Category::{category},
    default_severity: Severity::Warning,
    // New rules start opt-in: measure them on the corpus before turning them on.
    enabled_by_default: false,
    fixable: Fixable::Never,
    summary: "A heading still says TODO",
    doc: include_str!("../../rules/docs/{name}.md"),
}};

impl Rule for {type_name} {{
    fn meta(&self) -> &'static RuleMeta {{
        &META
    }}

    fn check(&self, context: &LintContext<'_>, _options: &Options, findings: &mut Vec<Finding>) {{
        for heading in &context.document.headings {{
            if heading.text.contains("TODO") {{
                findings.push(Finding::new(heading.text_range.clone(), "this heading still says TODO"));
            }}
        }}
    }}
}}
"#
    )
}

fn doc_source(name: &str, code: &str, category: &str) -> String {
    let category = category.to_ascii_lowercase();
    format!(
        "# {name} ({code})\n\nA heading still says TODO. Category: {category}. Default severity: warning. Fix: never.\n\n\
         ## What it does\n\nReports each heading whose text contains `TODO`: \"this heading still says TODO\".\n\n\
         ## Why it matters\n\nA heading that says TODO tells the reader the README is unfinished.\n\n\
         ## Example\n\n```markdown\n## TODO\n```\n\n\
         ## Fixed\n\n```markdown\n## Usage\n```\n\n\
         ## Fix safety\n\nNo fix: only a person knows what the section is about.\n\n\
         ## Options\n\nNone.\n"
    )
}

fn write(path: &PathBuf, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|error| format!("{}: {error}", parent.display()))?;
    }
    fs::write(path, text).map_err(|error| format!("{}: {error}", path.display()))
}

fn cargo(root: &Path, env: &[(&str, &str)], args: &[&str]) -> Result<(), String> {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string()));
    command.args(args).current_dir(root);
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command
        .status()
        .map_err(|error| format!("cannot run cargo: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed", args.join(" ")))
    }
}
