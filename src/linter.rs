//! Linting one text, and the fix loop: lint, apply the fixes that don't overlap,
//! re-parse, repeat until nothing applies.

use crate::config::Policy;
use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::facts::ProjectFacts;
use crate::fix::{Applicability, apply_fixes};
use crate::rules::{self, LintContext, RULES};
use crate::source::SourceText;
use crate::suppress;
use std::collections::BTreeMap;

/// The most fix passes over one file before giving up.
pub const MAX_FIX_PASSES: usize = 10;

/// What one file is linted against.
#[derive(Clone, Copy)]
pub struct LintSettings<'a> {
    pub policy: &'a Policy,
    pub facts: &'a ProjectFacts,
    /// The date the date rules treat as today.
    pub today: jiff::civil::Date,
    /// What the online probe found about badge URLs (`--online`); `None` offline,
    /// and then the probe rules report nothing.
    pub probe: Option<&'a crate::probe::ProbeResults>,
    /// Where the README is, when it is a file: rules about the project (its manifest)
    /// apply only to the README at the project's root, not to one vendored deeper.
    pub path: Option<&'a std::path::Path>,
}

/// Every unsuppressed finding in `source`, sorted by position then code.
pub fn lint(source: &SourceText, settings: LintSettings<'_>) -> Vec<Diagnostic> {
    lint_document(source, &Document::parse(source), settings)
}

/// [`lint`] for a text already parsed into `document`.
pub fn lint_document(
    source: &SourceText,
    document: &Document,
    settings: LintSettings<'_>,
) -> Vec<Diagnostic> {
    let context = LintContext::new(source, document, settings.facts, settings.policy)
        .with_today(settings.today)
        .with_probe(settings.probe)
        .with_path(settings.path);
    let mut diagnostics = Vec::new();
    let mut findings = Vec::new();
    for (index, rule) in RULES.iter().enumerate() {
        let state = &settings.policy.rules[index];
        let Some(severity) = state.severity() else {
            continue;
        };
        findings.clear();
        rule.check(&context, &state.options, &mut findings);
        diagnostics.extend(findings.drain(..).map(|finding| Diagnostic {
            rule: rule.meta(),
            severity,
            message: finding.message,
            range: finding.range,
            help: finding.help,
            fix: finding.fix,
        }));
    }

    let mut directives = suppress::parse(source, document);
    let mut diagnostics = suppress::apply(diagnostics, &mut directives, source);
    let unused = rules::RuleId::of(&rules::unused_suppression::META);
    if let Some(severity) = settings.policy.state(unused).severity() {
        let enabled: Vec<bool> = settings
            .policy
            .rules
            .iter()
            .map(|state| state.severity().is_some())
            .collect();
        for finding in crate::suppress::unused_findings(&directives, source, document, &enabled) {
            diagnostics.push(Diagnostic {
                rule: &rules::unused_suppression::META,
                severity,
                message: finding.message,
                range: finding.range,
                help: finding.help,
                fix: finding.fix,
            });
        }
    }
    diagnostics.sort_by(|a, b| (a.range.start, a.rule.code).cmp(&(b.range.start, b.rule.code)));
    diagnostics
}

/// The outcome of the fix loop on one text.
#[derive(Debug)]
pub struct FixOutcome {
    pub source: SourceText,
    /// Findings left in the fixed text.
    pub remaining: Vec<Diagnostic>,
    /// Fixes applied, by rule name.
    pub fixed: BTreeMap<&'static str, usize>,
    /// The edits of each pass that changed the text, in the order they were spliced in,
    /// in the coordinates of the text that pass read: spliced into the original one pass
    /// after another, they give the fixed text.
    pub pass_edits: Vec<Vec<crate::fix::Edit>>,
}

impl FixOutcome {
    pub fn fix_count(&self) -> usize {
        self.fixed.values().sum()
    }

    /// The passes that changed the text.
    pub fn passes(&self) -> usize {
        self.pass_edits.len()
    }
}

/// Fixes kept applying past [`MAX_FIX_PASSES`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvergenceError {
    pub rules: Vec<&'static str>,
}

impl std::fmt::Display for ConvergenceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "fixes did not converge after {MAX_FIX_PASSES} passes; rules still fixing: {}",
            self.rules.join(", ")
        )
    }
}

/// Applies every fix at least as trusted as `threshold`, re-linting after each pass.
pub fn fix(
    source: SourceText,
    settings: LintSettings<'_>,
    threshold: Applicability,
) -> Result<FixOutcome, ConvergenceError> {
    let document = Document::parse(&source);
    fix_document(source, document, settings, threshold)
}

/// [`fix`] for a text already parsed into `document`.
pub fn fix_document(
    source: SourceText,
    document: Document,
    settings: LintSettings<'_>,
    threshold: Applicability,
) -> Result<FixOutcome, ConvergenceError> {
    let mut source = source;
    let mut document = document;
    let mut fixed: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut pass_edits = Vec::new();
    loop {
        let diagnostics = lint_document(&source, &document, settings);
        let candidates: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|diagnostic| {
                diagnostic
                    .fix
                    .as_ref()
                    .is_some_and(|fix| fix.applicability >= threshold)
            })
            .collect();
        let fixes: Vec<_> = candidates
            .iter()
            .filter_map(|diagnostic| diagnostic.fix.as_ref())
            .collect();
        let applied = apply_fixes(source.text(), &fixes);
        if applied.applied.is_empty() || applied.text == source.text() {
            return Ok(FixOutcome {
                source,
                remaining: diagnostics,
                fixed,
                pass_edits,
            });
        }
        if pass_edits.len() == MAX_FIX_PASSES {
            let mut rules: Vec<&'static str> = applied
                .applied
                .iter()
                .map(|&index| candidates[index].rule.name)
                .collect();
            rules.sort_unstable();
            rules.dedup();
            return Err(ConvergenceError { rules });
        }
        for &index in &applied.applied {
            *fixed.entry(candidates[index].rule.name).or_default() += 1;
        }
        pass_edits.push(applied.edits);
        source = SourceText::new(applied.text);
        document = Document::parse(&source);
    }
}

/// The badge image URLs in `source` that the probe would check: absolute URLs on
/// an allowed host, without template placeholders. Empty when both probe rules
/// are off for this file.
pub fn probe_targets(source: &SourceText, document: &Document, settings: LintSettings<'_>) -> Vec<String> {
    let rules_on = ["badge-broken", "badge-unknown"].iter().any(|name| {
        crate::rules::RuleId::find(name).is_some_and(|id| settings.policy.state(id).severity().is_some())
    });
    if !rules_on {
        return Vec::new();
    }
    let hosts = &crate::badges::Catalog::built_in().probe_hosts;
    let context = crate::rules::LintContext::new(source, document, settings.facts, settings.policy);
    let mut urls: Vec<String> = context
        .badges()
        .iter()
        .map(|badge| badge.image.url.clone())
        .filter(|url| {
            !crate::badges::has_placeholder(url) && crate::probe::Address::from_badge(url, hosts).is_ok()
        })
        .collect();
    urls.sort();
    urls.dedup();
    urls
}
