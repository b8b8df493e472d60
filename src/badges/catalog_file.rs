//! The badge catalogue's data types, as `rules/badges.yml` writes them.
//!
//! Only serde types live here, with no other dependency, so that the build script
//! can read the YAML into them and store them as JSON for the binary to load: YAML
//! parsing took three quarters of a one-README run's instructions. The same types
//! read the `badges.services` a config adds.

use serde::{Deserialize, Serialize};

/// What a badge tells the reader about; `badges.required` lists these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum BadgeKind {
    /// Build or test status (CI).
    Ci,
    Coverage,
    /// The released version (crates.io, PyPI, npm, GitHub release).
    Version,
    License,
    Docs,
    Downloads,
    /// The minimum supported toolchain or runtime (MSRV, Python, Node).
    Runtime,
    /// Code quality, static analysis.
    Quality,
    /// Dependency freshness.
    Dependencies,
    Security,
    /// Chat rooms and forums.
    Chat,
    /// Stars, followers, sponsors.
    Social,
}

/// Whether a route describes badge images or the pages badges link to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Target {
    #[default]
    Image,
    Link,
}

/// Facts a rewrite needs besides the URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Need {
    /// `{workflow-file}`: the one workflow file whose `name:` is the `workflow`
    /// capture; only for a badge of this repository.
    WorkflowFile,
    /// Evidence that the project moved to travis-ci.com: the badge's link
    /// already points there, or `.travis.yml` exists.
    TravisEvidence,
}

/// Since when and why a route or service stopped working, and how we know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Retirement {
    /// A date (`2021-10-30`), or a month (`2021-06`) when the sources give no day.
    pub since: String,
    /// What happened, in a few words ("shut down", "route removed").
    pub why: String,
    /// Where this is documented: an issue, a changelog entry, a commit.
    pub source: String,
    /// What to do instead, as advice ("use X", "remove the badge").
    #[serde(default)]
    pub instead: Option<String>,
}

/// A rewrite example, checked by a test: `from` becomes `to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RewriteExample {
    pub from: String,
    pub to: String,
    /// Workflow names and their files, for `needs: [workflow-file]`.
    #[serde(default)]
    pub workflows: Vec<ExampleWorkflow>,
    /// The project has moved to travis-ci.com, for `needs: [travis-evidence]`.
    #[serde(default)]
    pub evidence: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ExampleWorkflow {
    pub name: String,
    pub file: String,
}

/// A deterministic rewrite of a legacy route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RewriteDef {
    /// A URL template: `{name}` inserts a capture, `{/name}` a `/` and the capture
    /// when there is one, `{name|decode}` the capture percent-decoded; `{ext}` is
    /// the file extension taken off the last segment (`.svg`), or nothing. Query
    /// items whose captures are missing are left out; the URL's own query follows.
    pub to: String,
    #[serde(default)]
    pub needs: Vec<Need>,
    #[serde(default)]
    pub examples: Vec<RewriteExample>,
}

/// One route of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RouteDef {
    /// A path pattern: literals and captures, `{name}`, `{name?}`, `{name+}`,
    /// `{name*}`, `{name:a|b}`, `{name:!a|b}`, with an optional literal prefix and
    /// suffix around a one-segment capture (`{repo}.svg`).
    pub path: String,
    #[serde(default)]
    pub target: Target,
    /// Overrides the service's kind.
    #[serde(default)]
    pub kind: Option<BadgeKind>,
    /// The route was renamed or retired; it may still render.
    #[serde(default)]
    pub legacy: Option<Retirement>,
    /// The route no longer works.
    #[serde(default)]
    pub dead: Option<Retirement>,
    #[serde(default)]
    pub rewrite: Option<RewriteDef>,
}

/// One badge service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServiceDef {
    /// A unique id; a config entry with a built-in id replaces the built-in service.
    pub id: String,
    /// The name messages use.
    pub name: String,
    #[serde(default)]
    pub kind: Option<BadgeKind>,
    /// Host names; `*.example.com` matches any subdomain.
    pub hosts: Vec<String>,
    /// File extensions the last path segment may carry (`svg`, `png`), taken off
    /// before matching and available to rewrites as `{ext}`.
    #[serde(default)]
    pub extensions: Vec<String>,
    /// The code host whose repositories the `owner` and `repo` captures name.
    #[serde(default)]
    pub forge: Option<String>,
    /// Query parameters or captures that hold secrets.
    #[serde(default)]
    pub secrets: Vec<String>,
    /// The whole service is gone.
    #[serde(default)]
    pub dead: Option<Retirement>,
    /// Routes in the order they are tried; without routes, every path matches.
    #[serde(default)]
    pub routes: Vec<RouteDef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct KindWords {
    pub kind: BadgeKind,
    pub words: Vec<String>,
}

/// Which manifest value a static badge's label announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum StaticField {
    Version,
    License,
    RustVersion,
    PythonVersion,
    NodeVersion,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(readme_lint_schema, derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct StaticLabels {
    pub field: StaticField,
    /// Whether a label in `labels` says plainly what the message is, so that
    /// rewriting the message is safe.
    pub safe: bool,
    pub labels: Vec<String>,
}

#[derive(Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CatalogFile {
    pub probe_hosts: Vec<String>,
    pub https_hosts: Vec<String>,
    pub badge_hosts: Vec<String>,
    pub badge_path_suffixes: Vec<String>,
    pub secret_params: Vec<String>,
    pub kind_words: Vec<KindWords>,
    pub static_labels: Vec<StaticLabels>,
    pub services: Vec<ServiceDef>,
}
