//! The `readme-lint` binary: parse arguments, run, map the outcome to an exit code.

use clap::Parser;
use readme_lint::cli::Cli;
use readme_lint::commands::{self, EXIT_ERROR, Streams};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

// A README run allocates many short-lived small strings and vectors (the parser's nodes,
// the document model, findings); mimalloc serves them with far fewer instructions than
// glibc's allocator (see bench/README.md). Built with `no_thp`: with transparent huge
// pages its peak memory on the corpus was 77 MiB instead of 24 MiB.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    let stdout = std::io::stdout();
    let stdout_is_terminal = stdout.is_terminal();
    let stderr_is_terminal = std::io::stderr().is_terminal();
    let mut stdout = std::io::BufWriter::new(stdout.lock());
    let mut stderr = std::io::stderr().lock();
    let mut stdin = std::io::stdin().lock();
    let mut streams = Streams {
        stdin: &mut stdin,
        stdout: &mut stdout,
        stderr: &mut stderr,
        stdout_is_terminal,
        stderr_is_terminal,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty()),
        github_actions: std::env::var_os("GITHUB_ACTIONS").is_some_and(|value| value == "true"),
    };
    // With --fix the files were all fixed whether or not anyone read the report, so the
    // exit code says what is left even when the reader closed the pipe.
    let fixing = cli.command.is_none() && cli.check.fix;
    let result = commands::run(cli, &mut streams).and_then(|code| match stdout.flush() {
        Err(error) if fixing && error.kind() == std::io::ErrorKind::BrokenPipe => Ok(code),
        other => other.map(|()| code),
    });
    match result {
        Ok(code) => ExitCode::from(code),
        // A reader that closed the pipe (`| head`) wanted no more: stop quietly.
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(std::io::stderr(), "error: {error}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
