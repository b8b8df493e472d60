//! The default command: lint (and with `--fix`, fix) the READMEs named or found.

use crate::cli::{CheckArgs, ColorChoice, Mode};
use crate::config::error::suggestion;
use crate::config::file::rule_keys;
use crate::config::{ConfigCache, ConfigError, RuleSelection};
use crate::facts::FactsCache;
use crate::files;
use crate::linter::{self, LintSettings};
use crate::output::{self, FileReport, OutputFormat, Totals};
use crate::probe::{ProbeConfig, ProbeResults};
use crate::rules::{self};
use crate::source::SourceText;
use crate::streams::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Streams};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Resolves `--select`/`--ignore` names into rules.
fn rule_selection(args: &CheckArgs) -> Result<RuleSelection, String> {
    let resolve = |names: &[String], flag: &str| -> Result<Vec<rules::RuleId>, String> {
        names
            .iter()
            .filter(|name| !name.trim().is_empty())
            .map(|name| {
                rules::RuleId::find(name.trim()).ok_or_else(|| {
                    format!(
                        "{flag}: unknown rule `{name}`\n  help: {}",
                        suggestion(name, &rule_keys())
                    )
                })
            })
            .collect()
    };
    Ok(RuleSelection {
        select: resolve(&args.select, "--select")?,
        ignore: resolve(&args.ignore, "--ignore")?,
    })
}

fn use_color(choice: ColorChoice, streams: &Streams<'_>) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => streams.stdout_is_terminal && !streams.no_color,
    }
}

/// One file to lint: where it is, the name shown for it, and (for stdin) its text.
struct Input {
    path: PathBuf,
    /// Where the file really is (links followed, inside its repository): what is read
    /// and fixed. `None` for standard input.
    real_path: Option<PathBuf>,
    shown: String,
    stdin_text: Option<String>,
    /// The file's text when the probe step has read it already (with `--online`), so
    /// that it is read once.
    read: Option<String>,
}

/// Standard output for a `--fix` run: once the reader has gone (`--fix | head`), the rest
/// of the output is dropped instead of ending the run, so every file still gets its fixes.
struct FixingStdout<'a> {
    inner: &'a mut dyn Write,
    closed: bool,
}

impl Write for FixingStdout<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(())
            }
            other => other,
        }
    }
}

pub(super) fn check(args: &CheckArgs, streams: &mut Streams<'_>) -> io::Result<u8> {
    if matches!(args.mode(), Mode::Fix(_)) {
        let mut stdout = FixingStdout {
            inner: &mut *streams.stdout,
            closed: false,
        };
        let mut fixing = Streams {
            stdin: &mut *streams.stdin,
            stdout: &mut stdout,
            stderr: &mut *streams.stderr,
            stdout_is_terminal: streams.stdout_is_terminal,
            stderr_is_terminal: streams.stderr_is_terminal,
            no_color: streams.no_color,
            github_actions: streams.github_actions,
        };
        return check_files(args, &mut fixing);
    }
    check_files(args, streams)
}

fn check_files(args: &CheckArgs, streams: &mut Streams<'_>) -> io::Result<u8> {
    let today = args.today.unwrap_or_else(|| jiff::Zoned::now().date());
    let mode = args.mode();
    if args.unsafe_fixes && mode == Mode::Report {
        // Harmless, but say it: the user probably meant --fix --unsafe-fixes.
        writeln!(
            streams.stderr,
            "warning: --unsafe-fixes has no effect without --fix or --diff"
        )?;
    }
    let selection = match rule_selection(args) {
        Ok(selection) => selection,
        Err(message) => {
            writeln!(streams.stderr, "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let shard = args.shard;
    let extra_reports = args.report.clone();
    let load_options = crate::config::LoadOptions {
        allow_external_extends: args.allow_external_extends,
    };
    let configs = match ConfigCache::with_options(args.config.as_deref(), load_options) {
        Ok(configs) => configs,
        Err(error) => return config_failure(&error, streams),
    };

    let reading_stdin = args.paths.len() == 1 && args.paths[0] == Path::new("-");
    let mut errors: Vec<String> = Vec::new();
    let inputs: Vec<Input> = if reading_stdin {
        let mut bytes = Vec::new();
        let shown_path = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
        if let Err(error) = (&mut *streams.stdin)
            .take(files::MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
        {
            writeln!(streams.stderr, "error: cannot read standard input: {error}")?;
            return Ok(EXIT_ERROR);
        }
        if bytes.len() as u64 > files::MAX_FILE_SIZE {
            writeln!(
                streams.stderr,
                "error: standard input is over the {} MiB limit for a README",
                files::MAX_FILE_SIZE / (1024 * 1024)
            )?;
            return Ok(EXIT_ERROR);
        }
        match files::decode(&shown_path, bytes) {
            Ok(text) => vec![Input {
                shown: output::display_path(&shown_path),
                path: shown_path,
                real_path: None,
                stdin_text: Some(text),
                read: None,
            }],
            Err(error) => {
                writeln!(streams.stderr, "error: {error}")?;
                return Ok(EXIT_ERROR);
            }
        }
    } else {
        match crate::discover::discover(&args.paths, &configs, args.force_exclude) {
            Ok(found) => {
                errors.extend(found.errors.iter().map(ToString::to_string));
                if args.paths.is_empty() && found.files.is_empty() && found.errors.is_empty() {
                    writeln!(
                        streams.stderr,
                        "warning: no README found in this folder or below (README, README.md or README.markdown, any case)"
                    )?;
                }
                found
                    .files
                    .into_iter()
                    .filter(|target| shard.is_none_or(|shard| shard.contains(&target.path)))
                    .map(|target| Input {
                        shown: output::display_path(&target.path),
                        path: target.path,
                        real_path: Some(target.real_path),
                        stdin_text: None,
                        read: None,
                    })
                    .collect()
            }
            Err(error) => return config_failure(&error, streams),
        }
    };

    let color = use_color(args.color, streams);
    let probe_config = match online_config(args) {
        Ok(config) => config,
        Err(message) => {
            writeln!(streams.stderr, "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let mut shared = Shared {
        configs: &configs,
        facts: FactsCache::new(),
        selection: &selection,
        today,
        mode,
        probe: probe_config.as_ref().map(|_| ProbeResults::default()),
    };

    // Reports are written as files finish, in path order: the main output, plus the
    // `--report` files (opened before any work, so a bad path fails early).
    let main_kind = if args.statistics {
        output::EmitKind::Statistics
    } else {
        output::EmitKind::Findings(args.output_format)
    };
    let mut main_emitter = output::Emitter::new(main_kind, color);
    let mut extra_emitters = Vec::new();
    if !matches!(mode, Mode::Diff(_)) {
        for (format, path) in &extra_reports {
            // Summaries are appended, as a CI job summary expects.
            match files::ReportFile::create(path, *format == OutputFormat::Summary) {
                Ok(file) => extra_emitters.push((
                    output::Emitter::new(output::EmitKind::Findings(*format), false),
                    file,
                )),
                Err(error) => return super::fail(streams, &error),
            }
        }
    }
    // With --fix on standard input the fixed text owns stdout; findings go to stderr.
    let findings_to_stderr = reading_stdin && matches!(mode, Mode::Fix(_));

    let mut totals = Totals::default();
    let mut any_diff = false;
    // A diff repeats README lines, and a context line ` ::add-mask::x` loses its space in
    // the runner, which would then run it: in a GitHub Actions job (or asked for GitHub
    // output), the diff is printed with the runner's commands stopped, under a token the
    // README cannot know.
    let stop_commands = (matches!(mode, Mode::Diff(_))
        && (streams.github_actions || args.output_format == OutputFormat::Github))
        .then(output::random_token);
    if let Some(token) = &stop_commands {
        writeln!(streams.stdout, "::stop-commands::{token}")?;
    }
    // Files are linted in parallel a chunk at a time, so memory stays bounded by the
    // chunk while the output keeps its order. One file needs no thread pool.
    const CHUNK: usize = 256;
    let mut inputs = inputs.into_iter().peekable();
    while inputs.peek().is_some() {
        let mut chunk: Vec<Input> = inputs.by_ref().take(CHUNK).collect();
        if let Some(config) = &probe_config {
            probe_chunk(&mut chunk, &mut shared, config, streams)?;
        }
        let outcomes: Vec<Outcome> = if chunk.len() > 1 {
            use rayon::prelude::*;
            chunk
                .into_par_iter()
                .map(|input| process(input, &shared))
                .collect()
        } else {
            chunk.into_iter().map(|input| process(input, &shared)).collect()
        };
        for outcome in outcomes {
            match outcome {
                Outcome::Error(message) => errors.push(message),
                Outcome::Config(error) => return config_failure(&error, streams),
                Outcome::Diff {
                    shown,
                    original,
                    fixed,
                } => {
                    any_diff = true;
                    let raw_carriage_returns = !streams.stdout_is_terminal;
                    write_diff(
                        streams.stdout,
                        &shown,
                        &original,
                        &fixed,
                        color,
                        raw_carriage_returns,
                    )?;
                }
                Outcome::Unchanged => {}
                Outcome::Report {
                    report,
                    fixed,
                    fixed_text,
                } => {
                    if let Some(text) = fixed_text {
                        streams.stdout.write_all(text.as_bytes())?;
                    }
                    totals.fixed += fixed;
                    totals.add(&report);
                    let out: &mut dyn Write = if findings_to_stderr {
                        &mut *streams.stderr
                    } else {
                        &mut *streams.stdout
                    };
                    if !matches!(mode, Mode::Diff(_)) {
                        main_emitter.file(&report, out)?;
                    }
                    for (emitter, file) in &mut extra_emitters {
                        emitter.file(&report, file)?;
                    }
                }
            }
        }
    }

    if let Some(token) = &stop_commands {
        writeln!(streams.stdout, "::{token}::")?;
    }
    totals.errors = errors.len();
    // Errors first, so the summary that follows can point at them.
    for error in &errors {
        writeln!(streams.stderr, "error: {}", output::escape_controls(error))?;
    }
    if !matches!(mode, Mode::Diff(_)) {
        let out: &mut dyn Write = if findings_to_stderr {
            &mut *streams.stderr
        } else {
            &mut *streams.stdout
        };
        main_emitter.finish(out)?;
        if !args.quiet && args.output_format == OutputFormat::Human {
            writeln!(out, "{}", output::summary_line(&totals))?;
        }
        for (emitter, file) in &mut extra_emitters {
            emitter.finish(file)?;
            if let Err(error) = file.finish() {
                writeln!(
                    streams.stderr,
                    "error: {}",
                    output::escape_controls(&error.to_string())
                )?;
                errors.push(error.to_string());
            }
        }
    }
    // ESLint's convention: error findings fail the run; warnings are printed and fail it
    // only past `--max-warnings` (or the config's `max-warnings`).
    let max_warnings = args.max_warnings.or(configs
        .for_dir(Path::new("."))
        .ok()
        .and_then(|config| config.max_warnings()));
    let too_many_warnings = max_warnings.is_some_and(|max| totals.warnings() > max);
    if too_many_warnings && !matches!(mode, Mode::Diff(_)) {
        writeln!(
            streams.stderr,
            "error: {} warnings, more than the {} allowed (--max-warnings or `max-warnings`)",
            totals.warnings(),
            max_warnings.unwrap_or_default()
        )?;
    }
    Ok(if !errors.is_empty() {
        EXIT_ERROR
    } else if args.exit_zero {
        EXIT_CLEAN
    } else if matches!(mode, Mode::Diff(_)) {
        if any_diff { EXIT_FINDINGS } else { EXIT_CLEAN }
    } else if totals.error_findings > 0 || too_many_warnings {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// What every file's processing shares.
struct Shared<'a> {
    configs: &'a ConfigCache,
    facts: FactsCache,
    selection: &'a RuleSelection,
    today: jiff::civil::Date,
    /// Report, fix or diff, and up to which applicability.
    mode: Mode,
    /// With `--online`: what the probe found so far (it grows chunk by chunk).
    probe: Option<ProbeResults>,
}

/// The result of one file.
enum Outcome {
    Report {
        report: FileReport,
        fixed: usize,
        /// With `--fix` on standard input: the text to print.
        fixed_text: Option<String>,
    },
    Diff {
        shown: String,
        original: String,
        fixed: String,
    },
    Unchanged,
    Error(String),
    Config(ConfigError),
}

/// The probe settings `--online` and its flags ask for; `None` without `--online`.
fn online_config(args: &CheckArgs) -> Result<Option<ProbeConfig>, String> {
    if !args.online {
        return Ok(None);
    }
    let mut config = ProbeConfig::new();
    config.gate.allow_loopback = args.allow_loopback;
    for spec in &args.resolve {
        config.add_resolve(spec)?;
    }
    if let Some(seconds) = args.probe_timeout {
        if !(seconds > 0.0 && seconds <= 600.0) {
            return Err(format!(
                "--probe-timeout {seconds}: give seconds between 0 and 600"
            ));
        }
        let timeout = std::time::Duration::from_secs_f64(seconds);
        config.request_timeout = timeout;
        config.connect_timeout = config.connect_timeout.min(timeout);
    }
    let max_age = match &args.cache_max_age {
        Some(text) => {
            crate::probe::parse_age(text).map_err(|message| format!("--cache-max-age: {message}"))?
        }
        None => std::time::Duration::from_secs(24 * 60 * 60),
    };
    // Answers from a --resolve mirror are not the real service's: with --resolve,
    // results are cached only in a --cache-dir named on the command line.
    let dir = match &args.cache_dir {
        Some(dir) => Some(dir.clone()),
        None if args.resolve.is_empty() => crate::probe::cache::default_dir(),
        None => None,
    };
    config.cache = dir.map(|dir| crate::probe::CacheSettings { dir, max_age });
    Ok(Some(config))
}

/// The folder whose project facts apply to a file.
fn facts_dir(path: &Path) -> &Path {
    files::parent_or_current(path)
}

/// The badge URLs of one file that the probe would check (none when the file
/// cannot be read or configured: `process` reports that).
fn badge_targets(input: &mut Input, shared: &Shared<'_>) -> Vec<String> {
    let text = match (&input.stdin_text, &input.real_path) {
        (Some(text), _) => text.clone(),
        (None, Some(real_path)) => match files::read_readme(&input.path, real_path) {
            Ok(file) => {
                input.read = Some(file.text.clone());
                file.text
            }
            // Reported when the file is processed, which reads it again.
            Err(_) => return Vec::new(),
        },
        (None, None) => return Vec::new(),
    };
    let Ok(config) = shared.configs.for_file(&input.path) else {
        return Vec::new();
    };
    let policy = config.policy_for(&input.path, shared.selection);
    let facts = shared.facts.get(facts_dir(&input.path));
    let settings = LintSettings {
        path: None,
        policy: &policy,
        facts: &facts,
        today: shared.today,
        probe: None,
    };
    crate::linter::probe_targets(&SourceText::new(text), settings)
}

/// Probes the badges of a chunk of files that earlier chunks did not, drawing a
/// progress bar on stderr when it is a terminal and the probe takes a while.
fn probe_chunk(
    chunk: &mut [Input],
    shared: &mut Shared<'_>,
    config: &ProbeConfig,
    streams: &mut Streams<'_>,
) -> io::Result<()> {
    use rayon::prelude::*;
    use std::sync::mpsc::RecvTimeoutError;
    use std::time::{Duration, Instant};
    let lists: Vec<Vec<String>> = {
        let shared = &*shared;
        chunk
            .par_iter_mut()
            .map(|input| badge_targets(input, shared))
            .collect()
    };
    let known = shared.probe.get_or_insert_with(ProbeResults::default);
    let mut urls: Vec<String> = lists
        .into_iter()
        .flatten()
        .filter(|url| !known.contains(url))
        .collect();
    urls.sort_unstable();
    urls.dedup();
    if urls.is_empty() {
        return Ok(());
    }
    let total = urls.len();
    let draw = streams.stderr_is_terminal;
    let stderr = &mut *streams.stderr;
    let report = std::thread::scope(|scope| -> io::Result<crate::probe::ProbeReport> {
        let (sender, receiver) = std::sync::mpsc::channel();
        let urls = &urls;
        let worker = scope.spawn(move || {
            crate::probe::probe(urls, config, &move |done, total| {
                let _ = sender.send((done, total));
            })
        });
        let started = Instant::now();
        let mut latest = (0, total);
        let mut drawn = false;
        loop {
            match receiver.recv_timeout(Duration::from_millis(200)) {
                Ok(progress) => latest = progress,
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break,
            }
            if draw && started.elapsed() >= Duration::from_secs(1) {
                write!(
                    stderr,
                    "\r{}",
                    crate::probe::progress_line(latest.0, latest.1, 30)
                )?;
                stderr.flush()?;
                drawn = true;
            }
        }
        if drawn {
            write!(stderr, "\r\x1b[2K")?;
            stderr.flush()?;
        }
        Ok(worker
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    if let Some(error) = &report.cache_error {
        writeln!(
            streams.stderr,
            "warning: cannot write the probe cache: {}",
            output::escape_controls(error)
        )?;
    }
    known.extend(report.results);
    Ok(())
}

/// Reads, lints and (with --fix or --diff) fixes one file.
fn process(input: Input, shared: &Shared<'_>) -> Outcome {
    let from_stdin = input.stdin_text.is_some();
    let text = match (input.stdin_text.or(input.read), &input.real_path) {
        (Some(text), _) => text,
        (None, Some(real_path)) => match files::read_readme(&input.path, real_path) {
            Ok(file) => file.text,
            Err(error) => return Outcome::Error(error.to_string()),
        },
        (None, None) => return Outcome::Error(format!("{}: nothing to read", input.shown)),
    };
    let config = match shared.configs.for_file(&input.path) {
        Ok(config) => config,
        Err(error) => return Outcome::Config(error),
    };
    let policy = config.policy_for(&input.path, shared.selection);
    let facts = shared.facts.get(facts_dir(&input.path));
    let settings = LintSettings {
        path: Some(&input.path),
        policy: &policy,
        facts: &facts,
        today: shared.today,
        probe: shared.probe.as_ref(),
    };
    let source = SourceText::new(text);
    let threshold = match shared.mode {
        Mode::Fix(threshold) | Mode::Diff(threshold) => threshold,
        Mode::Report => {
            let diagnostics = linter::lint(&source, settings);
            return Outcome::Report {
                report: FileReport {
                    path: input.shown,
                    source,
                    diagnostics,
                },
                fixed: 0,
                fixed_text: None,
            };
        }
    };
    let original = source.text().to_string();
    let outcome = match linter::fix(source, settings, threshold) {
        Ok(outcome) => outcome,
        Err(error) => return Outcome::Error(format!("{}: {error}", input.shown)),
    };
    let changed = outcome.source.text() != original;
    if matches!(shared.mode, Mode::Diff(_)) {
        return if changed {
            Outcome::Diff {
                shown: input.shown,
                original,
                fixed: outcome.source.text().to_string(),
            }
        } else {
            Outcome::Unchanged
        };
    }
    let fixed_text = if from_stdin {
        // Fixing standard input writes the (fixed) text to standard output.
        Some(outcome.source.text().to_string())
    } else {
        if changed
            && let Some(real_path) = &input.real_path
            && let Err(error) = files::write_atomic(&input.path, real_path, &original, outcome.source.text())
        {
            // Nothing was written; the file keeps its findings, reported as an error.
            return Outcome::Error(error.to_string());
        }
        None
    };
    let fixed = outcome.fix_count();
    Outcome::Report {
        report: FileReport {
            path: input.shown,
            source: outcome.source,
            diagnostics: outcome.remaining,
        },
        fixed,
        fixed_text,
    }
}

fn config_failure(error: &ConfigError, streams: &mut Streams<'_>) -> io::Result<u8> {
    writeln!(streams.stderr, "error: {error}")?;
    Ok(EXIT_ERROR)
}

/// Prints a unified diff. README text is escaped so that a diff cannot drive the terminal;
/// with `raw_carriage_returns` (output to a file or pipe, as `git apply` reads it) a
/// carriage return inside a line is kept, so that the diff of a file with CRLF or lone-CR
/// line ends is a patch that applies. Lines end at `\n` only, as patch tools read them (a
/// file with lone-CR line ends is one line to them), and a last line without `\n` is
/// marked as such.
fn write_diff(
    out: &mut dyn Write,
    path: &str,
    old: &str,
    new: &str,
    color: bool,
    raw_carriage_returns: bool,
) -> io::Result<()> {
    let old_lines: Vec<&str> = old.split_inclusive('\n').collect();
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let diff = similar::TextDiff::configure().diff_slices(&old_lines, &new_lines);
    let shown = output::escape_controls(path);
    let paint = |style: &str, text: &str| -> String {
        if color && !style.is_empty() {
            format!("{style}{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    writeln!(out, "{}", paint("\x1b[1m", &format!("--- a/{shown}")))?;
    writeln!(out, "{}", paint("\x1b[1m", &format!("+++ b/{shown}")))?;
    let range = |start: usize, len: usize| match len {
        0 => format!("{start},0"),
        1 => format!("{}", start + 1),
        _ => format!("{},{len}", start + 1),
    };
    for group in diff.grouped_ops(3) {
        let (Some(first), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let old_range = first.old_range().start..last.old_range().end;
        let new_range = first.new_range().start..last.new_range().end;
        let header = format!(
            "@@ -{} +{} @@",
            range(old_range.start, old_range.len()),
            range(new_range.start, new_range.len())
        );
        writeln!(out, "{}", paint("\x1b[36m", &header))?;
        for op in &group {
            for change in diff.iter_changes(op) {
                let (sign, style) = match change.tag() {
                    similar::ChangeTag::Equal => (' ', ""),
                    similar::ChangeTag::Delete => ('-', "\x1b[31m"),
                    similar::ChangeTag::Insert => ('+', "\x1b[32m"),
                };
                let line: &str = change.value();
                let (body, newline) = match line.strip_suffix('\n') {
                    Some(body) => (body, true),
                    None => (line, false),
                };
                let (body, carriage_return) = match body.strip_suffix('\r') {
                    Some(body) if newline => (body, "\r"),
                    _ => (body, ""),
                };
                let body = if raw_carriage_returns {
                    body.split('\r')
                        .map(output::escape_controls)
                        .collect::<Vec<_>>()
                        .join("\r")
                } else {
                    output::escape_controls(body)
                };
                writeln!(out, "{}{carriage_return}", paint(style, &format!("{sign}{body}")))?;
                if !newline {
                    writeln!(out, "\\ No newline at end of file")?;
                }
            }
        }
    }
    Ok(())
}
