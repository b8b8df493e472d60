//! Command-line arguments.

use crate::output::OutputFormat;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Check README files against a policy: sections, badges and dates; fix them with reviewable diffs.
#[derive(Debug, Parser)]
#[command(name = "readme-lint", version, args_conflicts_with_subcommands = true)]
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
    /// Print findings only: no summary line.
    #[arg(long, short)]
    pub quiet: bool,
    /// The date the date rules treat as today (YYYY-MM-DD; default: the system date).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Apply config `exclude` globs to files named on the command line too (for pre-commit).
    #[arg(long)]
    pub force_exclude: bool,
    /// The file name to report and to look up config for when reading standard input.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
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
pub enum ListFormat {
    Text,
    Json,
}
