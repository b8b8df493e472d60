//! RL101 missing-title: the README should open with one level-1 heading.

use super::{Category, Fixable, LintContext, Options, Rule, RuleMeta, Title, parse_options, prose};
use crate::diagnostic::{Finding, Severity};
use crate::document::BlockKind;
use crate::fix::{Edit, Fix};

pub struct MissingTitle;

static META: RuleMeta = RuleMeta {
    code: "RL101",
    name: "missing-title",
    category: Category::Sections,
    default_severity: Severity::Error,
    enabled_by_default: true,
    fixable: Fixable::Sometimes,
    summary: "The README does not open with a title",
    doc: include_str!("../../rules/docs/missing-title.md"),
};

#[derive(Debug, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
struct TitleOptions {
    /// Also report prose above the title. Off by default: a notice over the title (a
    /// deprecation, a fork's purpose, an announcement) is put there on purpose.
    report_notices: bool,
}

impl Rule for MissingTitle {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check_options(&self, options: &Options) -> Result<(), String> {
        parse_options::<TitleOptions>(options).map(|_| ())
    }

    fn check(&self, context: &LintContext<'_>, options: &Options, findings: &mut Vec<Finding>) {
        let options: TitleOptions = parse_options(options).unwrap_or_default();
        match (context.title_found(), context.above_title()) {
            (Some(title), Some(above)) if options.report_notices => {
                let range = match title {
                    Title::Heading(index) => context.document.headings[*index].range.clone(),
                    Title::Block(range) => {
                        range.start
                            ..context
                                .source
                                .line_content(context.source.line_of(range.start))
                                .end
                    }
                };
                findings.push(
                    Finding::new(range, "the title is not the first thing in the README").help(format!(
                        "move the content on line {} below the title, or make the title the first line",
                        context.source.line_of(above.start)
                    )),
                );
            }
            (Some(_), _) => {}
            (None, above) => {
                // A short README without headings is a note or a pointer, not a project's page.
                if context.document.headings.is_empty() && context.source.line_count() < 15 {
                    return;
                }
                // A README below the project's root (of a test folder, a vendored copy) is
                // read beside the code it describes, under the project's own page.
                if !context.is_project_readme() {
                    return;
                }
                // "The `serde_core` crate provides ...", "**Esprima** is a ...": the opening
                // sentence names the project, as a title would; registries show the name
                // above the README.
                if let Some(above) = above
                    && prose::names_project(
                        prose::opening_sentence(&context.text()[above]),
                        package_name(context).as_deref(),
                    )
                {
                    return;
                }
                findings.push(no_title(context));
            }
        }
    }
}

fn package_name(context: &LintContext<'_>) -> Option<String> {
    context
        .facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.name.clone())
}

fn no_title(context: &LintContext<'_>) -> Finding {
    let text = context.text();
    let first_block = context
        .document
        .blocks
        .iter()
        .find(|block| block.kind != BlockKind::FrontMatter);
    let range = match first_block {
        Some(block) => {
            block.range.start
                ..context
                    .source
                    .line_content(context.source.line_of(block.range.start))
                    .end
        }
        None => context.source.bom_len()..text.len(),
    };
    let name = context
        .facts
        .manifest
        .as_ref()
        .and_then(|manifest| manifest.name.clone());
    let fix = name.map(|name| {
        let line_ending = context.line_ending();
        let at = first_block.map_or(text.len(), |block| block.range.start);
        let heading = format!("# {name}{line_ending}");
        Fix::unsafe_(
            format!("insert the title `# {name}`"),
            vec![Edit::insert(
                at,
                super::context::block_insertion(text, at, &heading, line_ending),
            )],
        )
    });
    Finding::new(range, "the README has no title")
        .help("start the README with `# Project name` (or a logo image with the name as its alt text)")
        .fix(fix)
}
