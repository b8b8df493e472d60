//! The commands, one file each, given parsed arguments and the streams to write to.
//! Nothing here prints directly; `main` hands in stdout and stderr.

mod check;
mod config;
mod dates;
mod init;
mod new;
mod rules;

use crate::cli::{Cli, Command};
pub use crate::streams::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Streams};
use std::io;

/// Runs a command; `Err` only when writing to a stream failed (such as a closed pipe).
pub fn run(cli: Cli, streams: &mut Streams<'_>) -> io::Result<u8> {
    match cli.command {
        Some(Command::Rules { format }) => rules::list_rules(format, streams),
        Some(Command::Rule { name }) => rules::show_rule(&name, streams),
        Some(Command::Init { preset, force }) => init::init(&preset, force, streams),
        Some(Command::New {
            preset,
            sections,
            path,
            force,
        }) => new::new_readme(&preset, &sections, path.as_deref(), force, streams),
        Some(Command::Dates {
            paths,
            format,
            stdin_filename,
        }) => dates::show(&paths, format, stdin_filename.as_deref(), streams),
        Some(Command::Completions { shell }) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut command, "readme-lint", &mut *streams.stdout);
            Ok(EXIT_CLEAN)
        }
        Some(Command::Config { path, config, schema }) => {
            config::show(path.as_deref(), config.as_deref(), schema, streams)
        }
        None => check::check(&cli.check, streams),
    }
}

/// Prints `error: ERROR` on stderr, control characters escaped (the message may quote a
/// file name), and gives the exit code for errors.
fn fail(streams: &mut Streams<'_>, error: &dyn std::fmt::Display) -> io::Result<u8> {
    writeln!(
        streams.stderr,
        "error: {}",
        crate::output::escape_controls(&error.to_string())
    )?;
    Ok(EXIT_ERROR)
}
