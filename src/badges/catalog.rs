//! The badge catalogue: services as data (`rules/badges.yml`), compiled once.
//!
//! Each service names its hosts and its routes (path patterns with captures
//! such as `owner`, `repo`, `branch`, `workflow`). A route is current, legacy
//! (renamed or retired, usually with a deterministic rewrite) or dead (the
//! service is gone); the date and the source say since when and how we know.

pub use super::catalog_file::*;
use super::pattern::{Capture, PathPattern, Template};
use super::url::{UrlParts, percent_decode};
use crate::facts::{RemoteRepo, Workflow};
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// `rules/badges.yml` as JSON, written by the build script (see `catalog_file.rs`).
const BUILT_IN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/badges.json"));

impl BadgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BadgeKind::Ci => "ci",
            BadgeKind::Coverage => "coverage",
            BadgeKind::Version => "version",
            BadgeKind::License => "license",
            BadgeKind::Docs => "docs",
            BadgeKind::Downloads => "downloads",
            BadgeKind::Runtime => "runtime",
            BadgeKind::Quality => "quality",
            BadgeKind::Dependencies => "dependencies",
            BadgeKind::Security => "security",
            BadgeKind::Chat => "chat",
            BadgeKind::Social => "social",
        }
    }

    /// How a message names the kind: "a CI badge", "a license badge".
    pub fn display(self) -> &'static str {
        match self {
            BadgeKind::Ci => "CI",
            other => other.as_str(),
        }
    }
}

/// Where a route stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RouteState {
    Current,
    Legacy(Retirement),
    Dead(Retirement),
}

/// A compiled route.
#[derive(Debug, Clone)]
pub struct Route {
    pub pattern: PathPattern,
    pub path: String,
    pub target: Target,
    pub kind: Option<BadgeKind>,
    pub state: RouteState,
    pub rewrite: Option<Rewrite>,
}

#[derive(Debug, Clone)]
pub struct Rewrite {
    pub template: Template,
    pub def: RewriteDef,
}

/// A compiled service.
#[derive(Debug, Clone)]
pub struct Service {
    pub def: ServiceDef,
    pub routes: Vec<Route>,
}

impl Service {
    pub fn compile(def: ServiceDef) -> Result<Service, String> {
        let context = |error: String| format!("badge service `{}`: {error}", def.id);
        if def.hosts.is_empty() {
            return Err(context("lists no hosts".into()));
        }
        let route_defs = if def.routes.is_empty() {
            vec![RouteDef {
                path: "/{rest*}".into(),
                target: Target::Image,
                kind: None,
                legacy: None,
                dead: None,
                rewrite: None,
            }]
        } else {
            def.routes.clone()
        };
        let mut routes = Vec::new();
        for route in route_defs {
            let pattern = PathPattern::compile(&route.path).map_err(context)?;
            let state = match (&route.legacy, &route.dead, &def.dead) {
                (Some(_), Some(_), _) => {
                    return Err(context(format!("route `{}` is both legacy and dead", route.path)));
                }
                (Some(legacy), None, _) => RouteState::Legacy(legacy.clone()),
                (None, Some(dead), _) | (None, None, Some(dead)) => RouteState::Dead(dead.clone()),
                (None, None, None) => RouteState::Current,
            };
            let rewrite = match &route.rewrite {
                Some(rewrite_def) => {
                    if state == RouteState::Current {
                        return Err(context(format!(
                            "route `{}` has a rewrite but is neither legacy nor dead",
                            route.path
                        )));
                    }
                    let template = Template::compile(&rewrite_def.to).map_err(context)?;
                    let captured: Vec<&str> = pattern.capture_names().collect();
                    for variable in template.variables() {
                        let computed = match variable {
                            "ext" => true,
                            "workflow-file" => rewrite_def.needs.contains(&Need::WorkflowFile),
                            "branch" => true,
                            _ => false,
                        };
                        if !computed && !captured.contains(&variable) {
                            return Err(context(format!(
                                "the rewrite of `{}` uses `{{{variable}}}`, which the path does not capture",
                                route.path
                            )));
                        }
                    }
                    Some(Rewrite {
                        template,
                        def: rewrite_def.clone(),
                    })
                }
                None => None,
            };
            routes.push(Route {
                pattern,
                path: route.path.clone(),
                target: route.target,
                kind: route.kind,
                state,
                rewrite,
            });
        }
        Ok(Service { def, routes })
    }

    fn serves(&self, host: &str) -> bool {
        self.def.hosts.iter().any(|pattern| host_matches(pattern, host))
    }

    /// True when the service is gone entirely.
    pub fn is_dead(&self) -> bool {
        self.def.dead.is_some()
    }
}

fn host_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(domain) => host == domain || host.strip_suffix(domain).is_some_and(|sub| sub.ends_with('.')),
        None => pattern.eq_ignore_ascii_case(host),
    }
}

/// The compiled catalogue.
#[derive(Debug)]
pub struct Catalog {
    pub services: Vec<Arc<Service>>,
    pub probe_hosts: Vec<String>,
    https_hosts: Vec<String>,
    badge_hosts: Vec<String>,
    badge_path_suffixes: Vec<String>,
    secret_params: Vec<String>,
    kind_words: Vec<KindWords>,
    static_labels: Vec<StaticLabels>,
    /// The services that may serve a host, by host name, for the services listing the
    /// host itself; `wildcard_services` list `*.domain` patterns and are tried for every
    /// host. Both hold indexes into `services`, in order.
    services_by_host: HashMap<String, Vec<usize>>,
    wildcard_services: Vec<usize>,
}

impl Catalog {
    /// Reads and compiles a catalogue written in YAML, as `rules/badges.yml` is (the
    /// binary reads the JSON build.rs makes of it; the tests read the YAML itself).
    #[cfg(test)]
    fn parse(text: &str) -> Result<Catalog, String> {
        let file: CatalogFile = serde_saphyr::from_str(text).map_err(|error| error.to_string())?;
        Catalog::compile(file)
    }

    fn compile(file: CatalogFile) -> Result<Catalog, String> {
        let mut services = Vec::new();
        for def in file.services {
            if services.iter().any(|known: &Arc<Service>| known.def.id == def.id) {
                return Err(format!("badge service `{}` is listed twice", def.id));
            }
            services.push(Arc::new(Service::compile(def)?));
        }
        let mut services_by_host: HashMap<String, Vec<usize>> = HashMap::new();
        let mut wildcard_services = Vec::new();
        for (index, service) in services.iter().enumerate() {
            for host in &service.def.hosts {
                if host.starts_with("*.") {
                    wildcard_services.push(index);
                } else {
                    services_by_host
                        .entry(host.to_ascii_lowercase())
                        .or_default()
                        .push(index);
                }
            }
        }
        wildcard_services.dedup();
        Ok(Catalog {
            services,
            services_by_host,
            wildcard_services,
            probe_hosts: file.probe_hosts,
            https_hosts: file.https_hosts,
            badge_hosts: file.badge_hosts,
            badge_path_suffixes: file.badge_path_suffixes,
            secret_params: file.secret_params,
            kind_words: file.kind_words,
            static_labels: file.static_labels,
        })
    }

    /// The catalogue in `rules/badges.yml`, compiled on first use.
    pub fn built_in() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let file = serde_json::from_str(BUILT_IN_JSON).expect("the build script wrote valid JSON");
            Catalog::compile(file).expect("rules/badges.yml is valid (checked by a test)")
        })
    }
}

/// The built-in catalogue with the services a config adds (tried first).
#[derive(Debug, Clone, Copy)]
pub struct CatalogView<'a> {
    pub extra: &'a [Arc<Service>],
    pub base: &'static Catalog,
}

/// A URL matched to a service route.
#[derive(Debug, Clone)]
pub struct Matched<'a> {
    pub service: &'a Service,
    pub route: &'a Route,
    /// Path captures, then `ext` and a `branch` query parameter when present.
    pub captures: Vec<Capture>,
    pub parts: UrlParts,
}

impl Matched<'_> {
    /// The capture's text as written in the URL.
    pub fn get<'u>(&self, url: &'u str, name: &str) -> Option<&'u str> {
        self.capture(name).map(|capture| &url[capture.range.clone()])
    }

    pub fn capture(&self, name: &str) -> Option<&Capture> {
        self.captures.iter().find(|capture| capture.name == name)
    }

    /// `owner/repo` on the service's forge, when the route captures both.
    pub fn repository(&self, url: &str) -> Option<RemoteRepo> {
        let forge = self.service.def.forge.as_ref()?;
        if let Some(vcs) = self.get(url, "vcs")
            && !matches!(vcs, "github" | "gh")
        {
            return None;
        }
        let owner = percent_decode(self.get(url, "owner")?);
        let repo = percent_decode(self.get(url, "repo")?);
        Some(RemoteRepo {
            host: forge.clone(),
            owner,
            repo: repo.strip_suffix(".git").unwrap_or(&repo).to_string(),
        })
    }

    /// The service and route as messages name them: the service's name and the
    /// route's leading literal segments as the URL writes them, as in
    /// "shields.io `/github/workflow/status`"; a route that starts with a capture
    /// (`/{owner}/...`) is named by the service alone.
    pub fn describe(&self, url: &str) -> String {
        let name = &self.service.def.name;
        let segments = self.parts.path_segments(url);
        let count = self.route.pattern.literal_prefix_len().min(segments.len());
        if count == 0 || self.service.is_dead() {
            return name.clone();
        }
        let label: String = segments[..count]
            .iter()
            .map(|segment| format!("/{}", &url[segment.clone()]))
            .collect();
        format!("{name} `{label}`")
    }

    pub fn kind(&self) -> Option<BadgeKind> {
        self.route.kind.or(self.service.def.kind)
    }
}

/// What a rewrite may read besides the URL.
#[derive(Debug, Clone, Copy, Default)]
pub struct RewriteFacts<'f> {
    pub workflows: &'f [Workflow],
    pub origin: Option<&'f RemoteRepo>,
    pub travis_evidence: bool,
}

/// Why a rewrite cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Blocked {
    NoWorkflowNamed(String),
    SeveralWorkflowsNamed(String, Vec<String>),
    /// The badge is not of this repository.
    OtherRepository,
    /// No origin remote tells which repository this is.
    UnknownOrigin,
    NoTravisEvidence,
    Incomplete,
}

impl std::fmt::Display for Blocked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Blocked::NoWorkflowNamed(name) => write!(f, "no workflow in .github/workflows is named `{name}`"),
            Blocked::SeveralWorkflowsNamed(name, files) => {
                write!(f, "several workflows are named `{name}` ({})", files.join(", "))
            }
            Blocked::OtherRepository => f.write_str("the badge is not of this repository's origin"),
            Blocked::UnknownOrigin => {
                f.write_str("no origin remote tells whether the workflows here are the badge's")
            }
            Blocked::NoTravisEvidence => {
                f.write_str("nothing shows the project moved to travis-ci.com (no .travis.yml, no .com link)")
            }
            Blocked::Incomplete => f.write_str("the URL lacks a part the rewrite needs"),
        }
    }
}

/// A workflow name as a legacy badge writes it: percent-encoded, `+` for a space.
pub fn decode_workflow_name(raw: &str) -> String {
    percent_decode(&raw.replace('+', " "))
}

/// The one workflow file a legacy badge's name or path refers to.
pub fn workflow_file_for(name: &str, workflows: &[Workflow]) -> Result<String, Blocked> {
    if let Some(path) = name.strip_prefix(".github/workflows/") {
        return workflows
            .iter()
            .find(|workflow| workflow.file == path)
            .map(|workflow| workflow.file.clone())
            .ok_or_else(|| Blocked::NoWorkflowNamed(name.to_string()));
    }
    let named: Vec<&Workflow> = workflows
        .iter()
        .filter(|workflow| workflow.name.as_deref() == Some(name))
        .collect();
    match named.as_slice() {
        [one] => Ok(one.file.clone()),
        [] => Err(Blocked::NoWorkflowNamed(name.to_string())),
        many => Err(Blocked::SeveralWorkflowsNamed(
            name.to_string(),
            many.iter().map(|workflow| workflow.file.clone()).collect(),
        )),
    }
}

/// True when `repo` is the origin, comparing owner and name without case.
pub fn same_repository(repo: &RemoteRepo, origin: &RemoteRepo) -> bool {
    repo.host.eq_ignore_ascii_case(&origin.host) && origin.is_named(&repo.owner, &repo.repo)
}

impl<'a> CatalogView<'a> {
    pub fn built_in() -> CatalogView<'static> {
        CatalogView {
            extra: &[],
            base: Catalog::built_in(),
        }
    }

    /// The services that may serve `host` (lower case), in the order they are tried.
    fn services_for_host(&self, host: &str) -> Vec<&'a Service> {
        let base: &'static Catalog = self.base;
        if !self.extra.is_empty() {
            return self.services().collect();
        }
        let mut indexes: Vec<usize> = base.wildcard_services.clone();
        if let Some(listed) = base.services_by_host.get(host) {
            indexes.extend(listed);
            indexes.sort_unstable();
            indexes.dedup();
        }
        indexes
            .into_iter()
            .map(|index| base.services[index].as_ref())
            .collect()
    }

    fn services(&self) -> impl Iterator<Item = &'a Service> + 'a {
        let base: &'static [Arc<Service>] = &self.base.services;
        self.extra
            .iter()
            .chain(
                base.iter()
                    .filter(|service| !self.extra.iter().any(|extra| extra.def.id == service.def.id)),
            )
            .map(Arc::as_ref)
    }

    /// The service route `url` matches, as an image or a link.
    pub fn match_url(&self, url: &str, target: Target) -> Option<Matched<'a>> {
        let parts = UrlParts::parse(url)?;
        let host = parts.host_lowercase(url);
        let all_segments = parts.path_segments(url);
        for service in self.services_for_host(&host) {
            if !service.serves(&host) {
                continue;
            }
            let mut segments = all_segments.clone();
            let mut ext = None;
            if let Some(last) = segments.last_mut() {
                for extension in &service.def.extensions {
                    let text = &url[last.clone()];
                    let dotted = text.len() > extension.len() + 1
                        && text.ends_with(extension.as_str())
                        && text.as_bytes()[text.len() - extension.len() - 1] == b'.';
                    if dotted {
                        let cut = last.end - extension.len() - 1;
                        ext = Some(cut..last.end);
                        last.end = cut;
                        break;
                    }
                }
            }
            for route in &service.routes {
                if route.target != target {
                    continue;
                }
                let Some(mut captures) = route.pattern.matches(url, &segments) else {
                    continue;
                };
                if let Some(ext) = ext.clone() {
                    captures.push(Capture {
                        name: "ext".into(),
                        range: ext,
                    });
                }
                if !captures.iter().any(|capture| capture.name == "branch")
                    && let Some(param) = parts.query_param(url, "branch")
                    && !param.value.is_empty()
                {
                    captures.push(Capture {
                        name: "branch".into(),
                        range: param.value,
                    });
                }
                return Some(Matched {
                    service,
                    route,
                    captures,
                    parts,
                });
            }
        }
        None
    }

    /// `Some` when an image at `url` is a badge (a known service serves it, or its host
    /// or path looks like one), with the route it matches if any.
    pub fn badge_image(&self, url: &str) -> Option<Option<Matched<'a>>> {
        if let Some(matched) = self.match_url(url, Target::Image) {
            return Some(Some(matched));
        }
        let parts = UrlParts::parse(url)?;
        let host = parts.host_lowercase(url);
        if self
            .base
            .badge_hosts
            .iter()
            .any(|pattern| host_matches(pattern, &host))
        {
            return Some(None);
        }
        let path = url[parts.path.clone()].to_ascii_lowercase();
        self.base
            .badge_path_suffixes
            .iter()
            .any(|suffix| path.ends_with(suffix.as_str()))
            .then_some(None)
    }

    /// Query parameters that hold secrets on any badge URL.
    pub fn secret_param_names(&self) -> impl Iterator<Item = &str> {
        self.base.secret_params.iter().map(String::as_str)
    }

    /// True when `host` is known to serve https: a live service's host, or listed.
    pub fn serves_https(&self, host: &str) -> bool {
        self.base
            .https_hosts
            .iter()
            .any(|pattern| host_matches(pattern, host))
            || self
                .services()
                .any(|service| !service.is_dead() && service.serves(host) && !service.def.hosts.is_empty())
    }

    /// Query parameters that hold secrets on any badge URL, plus `service`'s own.
    pub fn is_secret_param(&self, name: &str, service: Option<&Service>) -> bool {
        self.base.secret_params.iter().any(|param| param == name)
            || service.is_some_and(|service| service.def.secrets.iter().any(|secret| secret == name))
    }

    /// The kind that words in an alt text or label suggest.
    pub fn kind_from_words(&self, text: &str) -> Option<BadgeKind> {
        let lower = text.to_lowercase();
        let words: Vec<&str> = lower
            .split(|c: char| !(c.is_alphanumeric() || c == '.'))
            .filter(|word| !word.is_empty())
            .collect();
        self.base.kind_words.iter().find_map(|entry| {
            entry
                .words
                .iter()
                .any(|wanted| {
                    if wanted.contains(' ') {
                        lower.contains(wanted.as_str())
                    } else {
                        words.contains(&wanted.as_str())
                    }
                })
                .then_some(entry.kind)
        })
    }

    /// The manifest value a static badge label announces, and whether the label
    /// says so plainly.
    pub fn static_field(&self, label: &str) -> Option<(StaticField, bool)> {
        let label = label.trim().to_lowercase();
        self.base
            .static_labels
            .iter()
            .find_map(|entry| entry.labels.contains(&label).then_some((entry.field, entry.safe)))
    }

    /// Rewrites a legacy or dead route's URL to its current form.
    pub fn rewrite(
        &self,
        url: &str,
        matched: &Matched<'_>,
        facts: &RewriteFacts<'_>,
    ) -> Result<String, Blocked> {
        let rewrite = matched.route.rewrite.as_ref().ok_or(Blocked::Incomplete)?;
        let mut workflow_file = None;
        for need in &rewrite.def.needs {
            match need {
                Need::WorkflowFile => {
                    let repository = matched.repository(url).ok_or(Blocked::Incomplete)?;
                    let origin = facts.origin.ok_or(Blocked::UnknownOrigin)?;
                    if !same_repository(&repository, origin) {
                        return Err(Blocked::OtherRepository);
                    }
                    let name = decode_workflow_name(matched.get(url, "workflow").ok_or(Blocked::Incomplete)?);
                    workflow_file = Some(workflow_file_for(&name, facts.workflows)?);
                }
                Need::TravisEvidence => {
                    if !facts.travis_evidence {
                        return Err(Blocked::NoTravisEvidence);
                    }
                }
            }
        }
        let lookup = |name: &str| -> Option<String> {
            match name {
                "workflow-file" => workflow_file.as_deref().map(|file| {
                    file.split('/')
                        .map(super::url::encode_path_segment)
                        .collect::<Vec<_>>()
                        .join("/")
                }),
                "ext" => Some(matched.get(url, "ext").unwrap_or("").to_string()),
                other => matched.get(url, other).map(str::to_string),
            }
        };
        let expanded = rewrite.template.expand(&lookup).ok_or(Blocked::Incomplete)?;
        let mut query: Vec<String> = expanded
            .query
            .iter()
            .map(|(key, value)| match value {
                Some(value) => format!("{key}={value}"),
                None => key.clone(),
            })
            .collect();
        for param in matched.parts.query_params(url) {
            let key = &url[param.key.clone()];
            if !expanded.query.iter().any(|(added, _)| added == key) {
                query.push(url[param.whole.clone()].to_string());
            }
        }
        let mut out = expanded.base;
        if !query.is_empty() {
            out.push('?');
            out.push_str(&query.join("&"));
        }
        if let Some(fragment) = matched.parts.fragment.clone() {
            out.push('#');
            out.push_str(&url[fragment]);
        }
        Ok(out)
    }

    /// What the current URL looks like when it cannot be written out: the rewrite's
    /// template with the badge's own parts filled in and the missing ones named in
    /// capitals (`.../actions/workflows/WORKFLOW-FILE/badge.svg`). Without the query.
    pub fn rewrite_preview(&self, url: &str, matched: &Matched<'_>) -> Option<String> {
        let rewrite = matched.route.rewrite.as_ref()?;
        let lookup = |name: &str| -> Option<String> {
            match name {
                "ext" => Some(matched.get(url, "ext").unwrap_or("").to_string()),
                other => Some(
                    matched
                        .get(url, other)
                        .map_or_else(|| other.to_ascii_uppercase(), str::to_string),
                ),
            }
        };
        Some(rewrite.template.expand(&lookup)?.base)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BUILT_IN: &str = include_str!("../../rules/badges.yml");

    /// The JSON the binary loads holds exactly what the YAML says.
    #[test]
    fn the_built_json_matches_the_yaml() {
        let from_yaml: CatalogFile = serde_saphyr::from_str(BUILT_IN).unwrap();
        let from_json: CatalogFile = serde_json::from_str(BUILT_IN_JSON).unwrap();
        assert_eq!(from_yaml, from_json);
    }

    fn view() -> CatalogView<'static> {
        CatalogView::built_in()
    }

    /// A ` #` after a plain YAML value starts a comment and would cut a source short.
    #[test]
    fn no_value_is_cut_by_a_comment() {
        for (index, line) in BUILT_IN.lines().enumerate() {
            let trimmed = line.trim_start().trim_start_matches("- ");
            if trimmed.starts_with('#') || trimmed.starts_with('{') {
                continue;
            }
            if let Some((_, value)) = trimmed.split_once(": ") {
                assert!(
                    !value.contains(" #") || value.starts_with(['"', '\'']),
                    "rules/badges.yml:{}: quote the value, or ` #` starts a comment",
                    index + 1
                );
            }
        }
    }

    #[test]
    fn built_in_catalogue_compiles() {
        let catalog = Catalog::parse(BUILT_IN).unwrap_or_else(|error| panic!("rules/badges.yml: {error}"));
        assert!(catalog.services.len() > 20);
        assert!(!catalog.probe_hosts.is_empty());
    }

    /// Every rewrite maps its examples, and the result is a current route (so a
    /// second fix changes nothing).
    #[test]
    fn every_rewrite_maps_its_examples() {
        let view = view();
        let mut checked = 0;
        for service in &view.base.services {
            for route in &service.routes {
                let Some(rewrite) = &route.rewrite else { continue };
                assert!(
                    !rewrite.def.examples.is_empty(),
                    "`{}` route `{}` has a rewrite without examples",
                    service.def.id,
                    route.path
                );
                for example in &rewrite.def.examples {
                    let matched = view
                        .match_url(&example.from, route.target)
                        .unwrap_or_else(|| panic!("`{}` matches no route", example.from));
                    assert!(
                        std::ptr::eq(matched.route, route),
                        "`{}` matches `{}` of `{}`, not `{}`",
                        example.from,
                        matched.route.path,
                        matched.service.def.id,
                        route.path
                    );
                    let workflows: Vec<Workflow> = example
                        .workflows
                        .iter()
                        .map(|workflow| Workflow {
                            file: workflow.file.clone(),
                            name: Some(workflow.name.clone()),
                        })
                        .collect();
                    let origin = matched.repository(&example.from);
                    let facts = RewriteFacts {
                        workflows: &workflows,
                        origin: origin.as_ref(),
                        travis_evidence: example.evidence,
                    };
                    let rewritten = view
                        .rewrite(&example.from, &matched, &facts)
                        .unwrap_or_else(|blocked| panic!("`{}`: {blocked}", example.from));
                    assert_eq!(rewritten, example.to, "rewriting `{}`", example.from);
                    let again = view
                        .match_url(&rewritten, route.target)
                        .unwrap_or_else(|| panic!("the rewrite `{rewritten}` matches no route"));
                    assert_eq!(
                        again.route.state,
                        RouteState::Current,
                        "the rewrite `{rewritten}` is not a current route"
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked >= 10, "only {checked} rewrite examples");
    }

    #[test]
    fn needs_block_rewrites_without_facts() {
        let view = view();
        let url = "https://github.com/o/r/workflows/CI/badge.svg";
        let matched = view.match_url(url, Target::Image).unwrap();
        let origin = RemoteRepo {
            host: "github.com".into(),
            owner: "O".into(),
            repo: "R".into(),
        };
        let two = [
            Workflow {
                file: "a.yml".into(),
                name: Some("CI".into()),
            },
            Workflow {
                file: "b.yml".into(),
                name: Some("CI".into()),
            },
        ];
        let facts = RewriteFacts {
            workflows: &two,
            origin: Some(&origin),
            travis_evidence: false,
        };
        assert!(matches!(
            view.rewrite(url, &matched, &facts),
            Err(Blocked::SeveralWorkflowsNamed(..))
        ));
        let facts = RewriteFacts {
            workflows: &two[..1],
            origin: None,
            travis_evidence: false,
        };
        assert_eq!(view.rewrite(url, &matched, &facts), Err(Blocked::UnknownOrigin));
        let facts = RewriteFacts {
            workflows: &two[..1],
            origin: Some(&origin),
            travis_evidence: false,
        };
        assert_eq!(
            view.rewrite(url, &matched, &facts).unwrap(),
            "https://github.com/o/r/actions/workflows/a.yml/badge.svg"
        );
        let travis = "https://travis-ci.org/o/r.svg?branch=master";
        let matched = view.match_url(travis, Target::Image).unwrap();
        assert_eq!(
            view.rewrite(travis, &matched, &RewriteFacts::default()),
            Err(Blocked::NoTravisEvidence)
        );
    }

    #[test]
    fn badge_images_and_kinds() {
        let view = view();
        assert!(
            view.badge_image("https://img.shields.io/anything/at/all")
                .is_some()
        );
        assert!(view.badge_image("https://example.com/x/badge.svg").is_some());
        assert!(view.badge_image("https://example.com/screenshot.png").is_none());
        assert_eq!(view.kind_from_words("Build Status"), Some(BadgeKind::Ci));
        assert_eq!(view.kind_from_words("License: MIT"), Some(BadgeKind::License));
        assert_eq!(view.kind_from_words("crates.io"), Some(BadgeKind::Version));
        let matched = view
            .match_url("https://img.shields.io/travis/com/o/r/dev.svg", Target::Image)
            .unwrap();
        assert_eq!(matched.route.state, RouteState::Current);
        assert_eq!(
            matched.get("https://img.shields.io/travis/com/o/r/dev.svg", "branch"),
            Some("dev")
        );
        assert!(view.serves_https("img.shields.io"));
        assert!(!view.serves_https("meritbadge.herokuapp.com"));
    }
}
