//! The package manifest of a facts root: Cargo.toml, package.json or
//! pyproject.toml, reduced to the few values a README talks about.

use super::non_empty;
use serde::Serialize;
use serde_json::Value as Json;
use std::path::{Path, PathBuf};
use toml::{Table, Value as Toml};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ManifestKind {
    #[default]
    Cargo,
    Npm,
    Python,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Manifest {
    pub kind: ManifestKind,
    pub path: PathBuf,
    pub name: Option<String>,
    pub version: Option<String>,
    pub description: Option<String>,
    /// SPDX expression or license name, as written.
    pub license: Option<String>,
    /// Repository URL.
    pub repository: Option<String>,
    /// rust-version, requires-python or engines.node.
    pub min_runtime: Option<String>,
    /// The package ships an executable.
    pub has_binary: bool,
    /// The package can be installed from its registry.
    pub publishable: bool,
    /// The file was read and parsed, so a fact missing from it is missing from the
    /// project (a template `package.json` with `<%= name %>` in it says nothing).
    #[serde(skip)]
    pub parsed: bool,
}

/// Manifest file names, in the order they are preferred when a folder has several.
const MANIFEST_FILES: [(ManifestKind, &str); 3] = [
    (ManifestKind::Cargo, "Cargo.toml"),
    (ManifestKind::Npm, "package.json"),
    (ManifestKind::Python, "pyproject.toml"),
];

pub(super) fn find_manifest_file(dir: &Path) -> Option<(ManifestKind, PathBuf)> {
    MANIFEST_FILES
        .iter()
        .map(|(kind, file)| (*kind, dir.join(file)))
        .find(|(_, path)| path.is_file())
}

/// Reads the manifest in `dir`. A manifest that exists but cannot be read or
/// parsed still counts (its kind and path are known), with every value empty.
pub(super) fn read_manifest(dir: &Path, repo_root: Option<&Path>) -> Option<Manifest> {
    let (kind, path) = find_manifest_file(dir)?;
    // A manifest is the pull request's: capped, and never read through a link that
    // leaves the repository.
    let root = repo_root.map_or_else(|| crate::files::trust_root(&path), Path::to_path_buf);
    let text = crate::files::read_optional(&path, &root, crate::files::MANIFEST_LIMIT).unwrap_or_default();
    let parsed = match kind {
        ManifestKind::Cargo | ManifestKind::Python => toml::from_str::<Table>(&text).is_ok(),
        ManifestKind::Npm => serde_json::from_str::<Json>(&text).is_ok(),
    };
    let manifest = match kind {
        ManifestKind::Cargo => read_cargo(dir, &parse_toml(&text), repo_root),
        ManifestKind::Npm => read_npm(&serde_json::from_str(&text).unwrap_or(Json::Null)),
        ManifestKind::Python => read_python(&parse_toml(&text)),
    };
    Some(validated(Manifest {
        kind,
        path,
        parsed,
        ..manifest
    }))
}

/// Keeps only the values that are what they claim to be (see [`super::values`]).
fn validated(manifest: Manifest) -> Manifest {
    use super::values;
    let kind = manifest.kind;
    let repository = manifest.repository.and_then(|url| {
        values::repository_url(&url).or_else(|| {
            // `git+ssh://git@github.com/o/r.git`: the same repository's web page.
            super::RemoteRepo::parse(&url).map(|remote| remote.web_url())
        })
    });
    Manifest {
        name: manifest.name.and_then(|name| values::package_name(kind, &name)),
        version: manifest.version.and_then(|version| values::version(&version)),
        description: manifest
            .description
            .and_then(|text| values::markdown_prose(&text)),
        license: manifest
            .license
            .and_then(|license| values::license_expression(&license)),
        repository,
        min_runtime: manifest.min_runtime.and_then(|text| values::requirement(&text)),
        ..manifest
    }
}

fn parse_toml(text: &str) -> Table {
    toml::from_str(text).unwrap_or_default()
}

fn toml_string(table: &Table, key: &str) -> Option<String> {
    table.get(key)?.as_str().and_then(non_empty)
}

fn has_entries(table: Option<&Table>, key: &str) -> bool {
    table
        .and_then(|t| t.get(key))
        .and_then(Toml::as_table)
        .is_some_and(|entries| !entries.is_empty())
}

// ---------------------------------------------------------------- Cargo

fn read_cargo(dir: &Path, doc: &Table, repo_root: Option<&Path>) -> Manifest {
    let own_shared = shared_workspace_package(doc);
    let Some(package) = doc.get("package").and_then(Toml::as_table) else {
        // A virtual workspace root has no package, but its [workspace.package]
        // values are the ones every member shares, so they describe the project.
        let shared = own_shared.unwrap_or_default();
        return Manifest {
            version: toml_string(&shared, "version"),
            description: toml_string(&shared, "description"),
            license: toml_string(&shared, "license"),
            repository: toml_string(&shared, "repository"),
            min_runtime: toml_string(&shared, "rust-version"),
            has_binary: cargo_has_binary(dir, doc, None),
            ..Manifest::default()
        };
    };
    // Only look for the workspace when a field asks for it: the search reads
    // other files and most packages inherit nothing.
    let shared = if package.values().any(is_inherited) {
        own_shared
            .or_else(|| find_workspace_package(dir, repo_root))
            .unwrap_or_default()
    } else {
        Table::new()
    };
    let field = |key: &str| {
        let value = package.get(key)?;
        if is_inherited(value) {
            shared.get(key)
        } else {
            Some(value)
        }
    };
    let text = |key: &str| field(key)?.as_str().and_then(non_empty);
    Manifest {
        name: text("name"),
        version: text("version"),
        description: text("description"),
        // A package that only has `license-file` names no license here.
        license: text("license"),
        repository: text("repository"),
        min_runtime: text("rust-version"),
        has_binary: cargo_has_binary(dir, doc, Some(package)),
        // `publish` is a switch or the list of registries allowed; an empty list
        // forbids publishing just like `false`.
        publishable: match field("publish") {
            Some(Toml::Boolean(allowed)) => *allowed,
            Some(Toml::Array(registries)) => !registries.is_empty(),
            _ => true,
        },
        ..Manifest::default()
    }
}

/// `version.workspace = true`, also written `version = { workspace = true }`.
fn is_inherited(value: &Toml) -> bool {
    value.get("workspace").and_then(Toml::as_bool) == Some(true)
}

/// The `[workspace.package]` table of a workspace root (empty when it has
/// none); `None` when `doc` is not a workspace root.
fn shared_workspace_package(doc: &Table) -> Option<Table> {
    let workspace = doc.get("workspace")?.as_table()?;
    let shared = workspace.get("package").and_then(Toml::as_table);
    Some(shared.cloned().unwrap_or_default())
}

/// Like cargo, takes the nearest ancestor Cargo.toml with a [workspace]
/// table; it looks no higher than the repository root, since a workspace
/// outside the checkout is not part of this project.
fn find_workspace_package(dir: &Path, repo_root: Option<&Path>) -> Option<Table> {
    let mut current = dir;
    while repo_root != Some(current) {
        current = current.parent()?;
        let manifest = current.join("Cargo.toml");
        let root = repo_root.map_or_else(|| crate::files::trust_root(&manifest), Path::to_path_buf);
        let Some(text) = crate::files::read_optional(&manifest, &root, crate::files::MANIFEST_LIMIT) else {
            continue;
        };
        if let Some(shared) = shared_workspace_package(&parse_toml(&text)) {
            return Some(shared);
        }
    }
    None
}

fn cargo_has_binary(dir: &Path, doc: &Table, package: Option<&Table>) -> bool {
    let declared = doc
        .get("bin")
        .and_then(Toml::as_array)
        .is_some_and(|bins| !bins.is_empty());
    // `autobins = false` turns off finding binaries by file layout.
    let auto = package.and_then(|p| p.get("autobins")).and_then(Toml::as_bool) != Some(false);
    declared || auto && (dir.join("src/main.rs").is_file() || dir.join("src/bin").is_dir())
}

// ---------------------------------------------------------------- npm

fn read_npm(doc: &Json) -> Manifest {
    let text = |key: &str| doc.get(key)?.as_str().and_then(non_empty);
    // `license` is an SPDX string; old packages wrote `{ "type": "MIT" }`.
    let license = doc
        .get("license")
        .and_then(|license| license.as_str().or_else(|| license.get("type")?.as_str()))
        .and_then(non_empty);
    let repository = doc
        .get("repository")
        .and_then(|repo| repo.as_str().or_else(|| repo.get("url")?.as_str()))
        .and_then(npm_repository_url);
    let name = text("name");
    Manifest {
        publishable: name.is_some() && doc.get("private").and_then(Json::as_bool) != Some(true),
        name,
        version: text("version"),
        description: text("description"),
        license,
        repository,
        min_runtime: doc
            .pointer("/engines/node")
            .and_then(Json::as_str)
            .and_then(non_empty),
        has_binary: match doc.get("bin") {
            Some(Json::String(path)) => !path.trim().is_empty(),
            Some(Json::Object(commands)) => !commands.is_empty(),
            _ => false,
        },
        ..Manifest::default()
    }
}

/// npm accepts shorthands (`github:o/r`, plain `o/r`) and git URLs
/// (`git+https://…/r.git`); a README wants a URL a browser opens.
fn npm_repository_url(raw: &str) -> Option<String> {
    const HOSTED: [(&str, &str); 3] = [
        ("github:", "https://github.com/"),
        ("gitlab:", "https://gitlab.com/"),
        ("bitbucket:", "https://bitbucket.org/"),
    ];
    let raw = raw.trim();
    let strip_git = |url: &str| url.strip_suffix(".git").unwrap_or(url).to_owned();
    for (prefix, base) in HOSTED {
        if let Some(path) = raw.strip_prefix(prefix) {
            return non_empty(path).map(|path| format!("{base}{}", strip_git(&path)));
        }
    }
    let is_github_shorthand = !raw.contains(':')
        && raw.split_once('/').is_some_and(|(owner, repo)| {
            !owner.is_empty() && !owner.starts_with('.') && !repo.is_empty() && !repo.contains('/')
        });
    if is_github_shorthand {
        return Some(format!("https://github.com/{}", strip_git(raw)));
    }
    non_empty(&strip_git(raw.strip_prefix("git+").unwrap_or(raw)))
}

// ---------------------------------------------------------------- Python

/// PEP 621 `[project]` first; each value it lacks is taken from Poetry's
/// `[tool.poetry]`, which older projects (and Poetry 2 projects, for some
/// values) use instead.
fn read_python(doc: &Table) -> Manifest {
    let project = doc.get("project").and_then(Toml::as_table);
    let poetry = doc
        .get("tool")
        .and_then(|tool| tool.get("poetry"))
        .and_then(Toml::as_table);
    let from_project = |key: &str| project.and_then(|t| toml_string(t, key));
    let from_poetry = |key: &str| poetry.and_then(|t| toml_string(t, key));
    let either = |key: &str| from_project(key).or_else(|| from_poetry(key));

    let license = match project.and_then(|p| p.get("license")) {
        Some(Toml::String(spdx)) => non_empty(spdx),
        // `{ file = "LICENSE" }` names a file, not a license: leave it unknown.
        Some(Toml::Table(table)) => toml_string(table, "text"),
        _ => from_poetry("license"),
    };
    let poetry_python = poetry
        .and_then(|p| p.get("dependencies")?.get("python")?.as_str())
        .and_then(non_empty);
    let name = either("name");
    Manifest {
        publishable: name.is_some() && !python_forbids_publishing(project, poetry),
        name,
        version: either("version"),
        description: either("description"),
        license,
        repository: project_urls_repository(project)
            .or_else(|| from_poetry("repository"))
            .or_else(|| from_poetry("homepage")),
        min_runtime: from_project("requires-python").or(poetry_python),
        has_binary: has_entries(project, "scripts")
            || has_entries(project, "gui-scripts")
            || has_entries(poetry, "scripts"),
        ..Manifest::default()
    }
}

/// The first of Repository, Source, Source Code, Homepage in `[project.urls]`.
/// Labels are compared as PEP 753 says: ignoring case, spaces and punctuation.
fn project_urls_repository(project: Option<&Table>) -> Option<String> {
    let urls = project?.get("urls")?.as_table()?;
    let normalize = |label: &str| -> String {
        label
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    ["repository", "source", "sourcecode", "homepage"]
        .iter()
        .find_map(|wanted| {
            let (_, url) = urls.iter().find(|(label, _)| normalize(label) == *wanted)?;
            url.as_str().and_then(non_empty)
        })
}

/// Poetry's `package-mode = false` and the `Private :: Do Not Upload`
/// classifier (which PyPI rejects) both mark a project that is never published.
fn python_forbids_publishing(project: Option<&Table>, poetry: Option<&Table>) -> bool {
    let package_mode_off = poetry.and_then(|p| p.get("package-mode")?.as_bool()) == Some(false);
    let classifiers = [project, poetry].into_iter().flatten();
    let mut classifiers = classifiers
        .filter_map(|t| t.get("classifiers")?.as_array())
        .flatten();
    package_mode_off || classifiers.any(|c| c.as_str().is_some_and(|c| c.starts_with("Private ::")))
}

#[cfg(test)]
mod tests {
    use super::super::write_file;
    use super::*;

    /// Writes `files` into `dir` and reads the manifest there.
    fn manifest_in(dir: &Path, files: &[(&str, &str)], repo_root: Option<&Path>) -> Manifest {
        for (path, text) in files {
            write_file(dir, path, text);
        }
        read_manifest(dir, repo_root).expect("a manifest was written")
    }

    /// The manifest in a fresh folder holding only `files`, as one line:
    /// `name|version|description|license|repository|min_runtime|bin|pub`,
    /// with `-` for an unknown value or a false flag.
    fn summary(files: &[(&str, &str)]) -> String {
        let dir = tempfile::tempdir().unwrap();
        summarize(&manifest_in(dir.path(), files, None))
    }

    fn summarize(m: &Manifest) -> String {
        let text = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".into());
        let flag = |on: bool, name: &str| if on { name } else { "-" }.to_owned();
        let (name, version, description) = (text(&m.name), text(&m.version), text(&m.description));
        let (license, repository, runtime) = (text(&m.license), text(&m.repository), text(&m.min_runtime));
        let (bin, publish) = (flag(m.has_binary, "bin"), flag(m.publishable, "pub"));
        format!("{name}|{version}|{description}|{license}|{repository}|{runtime}|{bin}|{publish}")
    }

    #[test]
    fn cargo_package() {
        let cargo = "[package]\nname = \"tool\"\nversion = \"0.3.0\"\ndescription = \"Does things\"\n\
                     license = \"MIT OR Apache-2.0\"\nrepository = \"https://github.com/me/tool\"\n\
                     rust-version = \"1.80\"\n";
        let files = [("Cargo.toml", cargo), ("src/main.rs", "fn main() {}")];
        let expected = "tool|0.3.0|Does things|MIT OR Apache-2.0|https://github.com/me/tool|1.80|bin|pub";
        assert_eq!(summary(&files), expected);

        let dir = tempfile::tempdir().unwrap();
        let manifest = manifest_in(dir.path(), &files, None);
        let cargo_toml = dir.path().join("Cargo.toml");
        assert_eq!((manifest.kind, manifest.path), (ManifestKind::Cargo, cargo_toml));
    }

    #[test]
    fn cargo_binaries_publishing_and_license_file() {
        let cases = [
            ("", "", "-|pub"),
            ("[[bin]]\nname = \"x\"\npath = \"x.rs\"", "", "bin|pub"),
            ("", "src/bin/x.rs", "bin|pub"),
            ("autobins = false", "src/main.rs", "-|pub"),
            ("publish = false", "", "-|-"),
            ("publish = []", "", "-|-"),
            ("publish = [\"corp\"]", "", "-|pub"),
            ("license-file = \"LICENSE\"", "", "-|pub"),
        ];
        for (extra_toml, extra_file, flags) in cases {
            let cargo = format!("[package]\nname = \"a\"\n{extra_toml}\n");
            let mut files = vec![("Cargo.toml", cargo.as_str()), ("src/lib.rs", "")];
            if !extra_file.is_empty() {
                files.push((extra_file, "fn main() {}"));
            }
            let expected = format!("a|-|-|-|-|-|{flags}");
            assert_eq!(summary(&files), expected, "{extra_toml}");
        }
    }

    #[test]
    fn cargo_workspace_inheritance() {
        let repo = tempfile::tempdir().unwrap();
        let root = repo.path();
        let workspace = "[workspace]\nmembers = [\"crates/*\"]\n[workspace.package]\n\
                         version = \"2.0.0\"\nlicense = \"MIT\"\nrust-version = \"1.85\"\n\
                         repository = \"https://github.com/me/ws\"\npublish = false\n";
        let member = "[package]\nname = \"member\"\nversion.workspace = true\n\
                      license = { workspace = true }\nrust-version.workspace = true\n\
                      publish.workspace = true\ndescription = \"Own\"\n";
        let member_dir = root.join("crates/member");
        write_file(&member_dir, "Cargo.toml", member);
        // Repository is not inherited: the member does not ask for it.
        let root_manifest = manifest_in(root, &[("Cargo.toml", workspace)], Some(root));
        let member_manifest = read_manifest(&member_dir, Some(root)).unwrap();
        let expected_member = "member|2.0.0|Own|MIT|-|1.85|-|-";
        assert_eq!(summarize(&member_manifest), expected_member);
        // A virtual workspace root has no name but does have the shared values.
        let expected_root = "-|2.0.0|-|MIT|https://github.com/me/ws|1.85|-|-";
        assert_eq!(summarize(&root_manifest), expected_root);
        // A workspace above the repository root belongs to another project.
        let outside = read_manifest(&member_dir, Some(&member_dir)).unwrap();
        assert_eq!(summarize(&outside), "member|-|Own|-|-|-|-|pub");
    }

    #[test]
    fn malformed_manifests_count_with_empty_values() {
        let broken = [("Cargo.toml", "[package\nname = "), ("package.json", "{ no")];
        for (file, text) in broken {
            assert_eq!(summary(&[(file, text)]), "-|-|-|-|-|-|-|-", "{file}");
        }
    }

    #[test]
    fn npm_package() {
        let json = r#"{"name": "@me/tool", "version": "1.0.0", "description": "JS tool",
            "license": {"type": "ISC"}, "engines": {"node": ">=18"}, "bin": {"tool": "cli.js"},
            "repository": {"type": "git", "url": "git+https://github.com/me/tool.git"}}"#;
        let expected = "@me/tool|1.0.0|JS tool|ISC|https://github.com/me/tool|>=18|bin|pub";
        assert_eq!(summary(&[("package.json", json)]), expected);
        let json = r#"{"name": "app", "private": true, "license": "MIT", "bin": "cli.js"}"#;
        assert_eq!(summary(&[("package.json", json)]), "app|-|-|MIT|-|-|bin|-");
    }

    #[test]
    fn npm_repository_forms() {
        let cases = [
            ("github:me/tool", "https://github.com/me/tool"),
            ("gitlab:group/proj", "https://gitlab.com/group/proj"),
            ("me/tool", "https://github.com/me/tool"),
            ("git+https://x.org/me/tool.git", "https://x.org/me/tool"),
            ("https://x.org/code/tool", "https://x.org/code/tool"),
            ("git+ssh://git@x.org/me/tool.git", "ssh://git@x.org/me/tool"),
            ("  ", ""),
        ];
        for (raw, expected) in cases {
            assert_eq!(npm_repository_url(raw).unwrap_or_default(), expected, "{raw}");
        }
    }

    #[test]
    fn pep621_project() {
        let pyproject = r#"
            [project]
            name = "pytool"
            version = "0.9"
            description = "Python tool"
            license = { text = "BSD-3-Clause" }
            requires-python = ">=3.10"
            urls = { homepage = "https://pytool.dev", "Source Code" = "https://src/pytool" }
            scripts = { pytool = "pytool.cli:main" }
        "#;
        let expected = "pytool|0.9|Python tool|BSD-3-Clause|https://src/pytool|>=3.10|bin|pub";
        assert_eq!(summary(&[("pyproject.toml", pyproject)]), expected);
        let pyproject = "[project]\nname = \"lib\"\nlicense = { file = \"LICENSE\" }\n\
                         classifiers = [\"Private :: Do Not Upload\"]\n\
                         urls = { Homepage = \"https://lib.dev\" }\n";
        let expected = "lib|-|-|-|https://lib.dev|-|-|-";
        assert_eq!(summary(&[("pyproject.toml", pyproject)]), expected);
    }

    #[test]
    fn poetry_project() {
        let pyproject = r#"
            [tool.poetry]
            name = "poet"
            version = "1.1.0"
            description = "Poetry tool"
            license = "MIT"
            homepage = "https://poet.dev"
            repository = "https://github.com/me/poet"
            dependencies = { python = "^3.9" }
            scripts = { poet = "poet:main" }
        "#;
        let expected = "poet|1.1.0|Poetry tool|MIT|https://github.com/me/poet|^3.9|bin|pub";
        assert_eq!(summary(&[("pyproject.toml", pyproject)]), expected);
        // Without a name (a file holding only tool settings) nothing is published.
        let settings_only = "[tool.ruff]\nline-length = 100\n";
        assert_eq!(summary(&[("pyproject.toml", settings_only)]), "-|-|-|-|-|-|-|-");
    }
}
