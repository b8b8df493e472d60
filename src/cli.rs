//! Command-line arguments.

use crate::output::OutputFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXAMPLES: &str = "\
Examples:
  readme-lint                          lint every README under the current folder
  readme-lint README.md docs/          lint files and folders
  readme-lint --diff --unsafe-fixes    show what all fixes would change
  readme-lint --fix                    apply safe fixes in place
  readme-lint rule missing-section     explain a rule
  readme-lint init --preset strict     write a commented .readme-lint.yml
  readme-lint new                      write a README for the project in this folder

Exit codes: 0 clean or warnings only, 1 error findings remain (or more warnings than --max-warnings,
or --diff would change something), 2 usage, config or file error.";

/// Check README files against a policy: sections, badges and dates; fix them with reviewable diffs.
#[derive(Debug, Parser)]
#[command(name = "readme-lint", version, args_conflicts_with_subcommands = true, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Args, Default)]
pub struct CheckArgs {
    /// Files or folders to lint (default: every README under the current folder); `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Use this config file for every README instead of discovering `.readme-lint.yml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Let a config's `extends` name files outside its repository and ~/.config/readme-lint.
    #[arg(long)]
    pub allow_external_extends: bool,
    /// Apply safe fixes in place, then report what is left.
    #[arg(long)]
    pub fix: bool,
    /// With --fix or --diff, also apply unsafe fixes (such as inserting a section skeleton).
    #[arg(long)]
    pub unsafe_fixes: bool,
    /// Print the unified diff the fixes would make and change nothing; exit 1 if there is one.
    #[arg(long, conflicts_with = "fix")]
    pub diff: bool,
    /// Only run these rules (names or codes, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub select: Vec<String>,
    /// Do not run these rules (names or codes, comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "RULES")]
    pub ignore: Vec<String>,
    /// How findings are printed.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub output_format: OutputFormat,
    /// When to color output; `auto` colors a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// Also write a report in another format to a file, e.g. `sarif=results.sarif` or
    /// `summary=$GITHUB_STEP_SUMMARY` (summary reports are appended); repeatable.
    #[arg(long, value_name = "FORMAT=PATH", value_parser = parse_report)]
    pub report: Vec<(OutputFormat, PathBuf)>,
    /// Lint only shard K of N (e.g. `2/8`): a stable split of the discovered files by path,
    /// for spreading a large run over a CI matrix.
    #[arg(long, value_name = "K/N", value_parser = crate::discover::Shard::parse)]
    pub shard: Option<crate::discover::Shard>,
    /// Print how many findings each rule has instead of the findings.
    #[arg(long)]
    pub statistics: bool,
    /// Exit with code 1 when there are more than N warnings (by default warnings alone exit 0;
    /// error findings always exit 1). Overrides the config's `max-warnings`.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,
    /// Exit 0 even when findings remain (for report-only jobs); errors reading files or
    /// configs still exit 2.
    #[arg(long)]
    pub exit_zero: bool,
    /// Print findings only: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// The date the date rules treat as today (YYYY-MM-DD; default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_today)]
    pub today: Option<jiff::civil::Date>,
    /// Apply config `exclude` globs to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// The file name to report and to look up config for when reading standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
    /// Also fetch badge images (only from the catalogue's probe hosts) to find broken badges
    /// (badge-broken, badge-unknown).
    #[arg(long)]
    pub online: bool,
    /// With --online, let the probe reach 127.0.0.1 and ::1 (for tests and local mirrors).
    #[arg(long, requires = "online")]
    pub allow_loopback: bool,
    /// With --online, connect to ADDR:PORT for HOST, a probe host (like curl's --resolve); repeatable.
    #[arg(long, value_name = "HOST=ADDR:PORT", requires = "online")]
    pub resolve: Vec<String>,
    /// With --online, keep probe results in this folder (default: the user's cache folder,
    /// readme-lint/probe).
    #[arg(long, value_name = "DIR", requires = "online")]
    pub cache_dir: Option<PathBuf>,
    /// With --online, how long cached probe results stay fresh: 1d (the default), 12h, 30m, or 0.
    #[arg(long, value_name = "AGE", requires = "online")]
    pub cache_max_age: Option<String>,
    /// With --online, the seconds one try of a badge may take (default 10; for tests).
    #[arg(long, value_name = "SECONDS", requires = "online", hide = true)]
    pub probe_timeout: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ColorChoice {
    #[default]
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every rule: code, name, category, fixability, default severity, summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Text)]
        format: ListFormat,
    },
    /// Print a rule's documentation (by name or code).
    Rule {
        /// The rule's name or code, e.g. `missing-section` or `RL104`.
        name: String,
    },
    /// Write a commented `.readme-lint.yml` in the current folder.
    Init {
        /// The preset the config extends.
        #[arg(long, default_value = "recommended")]
        preset: String,
        /// Overwrite an existing config file.
        #[arg(long)]
        force: bool,
    },
    /// Write a README for the project in this folder from the section templates.
    New {
        /// The preset whose required sections (and order) the README gets.
        #[arg(long, default_value = "recommended")]
        preset: String,
        /// The sections to write instead (catalogue names, comma-separated).
        #[arg(long, value_delimiter = ',', value_name = "NAMES")]
        sections: Vec<String>,
        /// Where to write it (default: README.md in the current folder).
        path: Option<PathBuf>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Print the dates the date pass finds in READMEs (or standard input with `-`).
    Dates {
        /// Files or folders (default: every README under the current folder); `-` reads standard input.
        paths: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = DatesFormat::Human)]
        format: DatesFormat,
        /// The name to show for standard input.
        #[arg(long, value_name = "PATH")]
        stdin_filename: Option<PathBuf>,
    },
    /// Print a shell completion script.
    Completions { shell: clap_complete::Shell },
    /// Print the effective config for a file, each value with where it came from.
    Config {
        /// The README whose config to show (default: ./README.md).
        path: Option<PathBuf>,
        /// Use this config file instead of discovering one.
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
        /// Print the config file's JSON Schema instead.
        #[arg(long)]
        schema: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DatesFormat {
    Human,
    Json,
    Jsonl,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

/// `--today`: a real calendar date written YYYY-MM-DD.
pub fn parse_today(text: &str) -> Result<jiff::civil::Date, String> {
    let shape_ok = text.len() == 10
        && text.bytes().enumerate().all(|(at, byte)| match at {
            4 | 7 => byte == b'-',
            _ => byte.is_ascii_digit(),
        });
    let number = |range: std::ops::Range<usize>| text[range].parse::<i16>().unwrap_or(0);
    if !shape_ok || number(0..4) == 0 {
        return Err("not a date; write it as YYYY-MM-DD".to_string());
    }
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    if !(1..=12).contains(&month) {
        return Err(format!("there is no month {month}"));
    }
    let first = jiff::civil::date(year, month as i8, 1);
    jiff::civil::Date::new(year, month as i8, day as i8)
        .map_err(|_| format!("month {month} of {year} has {} days", first.days_in_month()))
}

/// `--report FORMAT=PATH`.
pub fn parse_report(value: &str) -> Result<(OutputFormat, PathBuf), String> {
    let Some((format, path)) = value.split_once('=') else {
        return Err("write it as FORMAT=PATH, e.g. sarif=results.sarif".to_string());
    };
    let format = <OutputFormat as clap::ValueEnum>::from_str(format, true).map_err(|_| {
        let names: Vec<String> = <OutputFormat as clap::ValueEnum>::value_variants()
            .iter()
            .filter_map(clap::ValueEnum::to_possible_value)
            .map(|value| value.get_name().to_string())
            .collect();
        format!("unknown format `{format}` (one of {})", names.join(", "))
    })?;
    if path.is_empty() {
        return Err("the path is empty".to_string());
    }
    Ok((format, PathBuf::from(path)))
}

/// What a check run does with each file: report its findings, fix it in place, or print
/// the diff its fixes would make; fixes up to the given applicability.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Report,
    Fix(crate::fix::Applicability),
    Diff(crate::fix::Applicability),
}

impl CheckArgs {
    /// The mode `--fix`, `--diff` and `--unsafe-fixes` ask for (`--fix` and `--diff`
    /// conflict, so at most one is set).
    pub fn mode(&self) -> Mode {
        let applicability = if self.unsafe_fixes {
            crate::fix::Applicability::Unsafe
        } else {
            crate::fix::Applicability::Safe
        };
        if self.diff {
            Mode::Diff(applicability)
        } else if self.fix {
            Mode::Fix(applicability)
        } else {
            Mode::Report
        }
    }
}
