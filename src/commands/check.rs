//! The default command: lint (and with `--fix`, fix) the READMEs named or found.

use crate::cli::{CheckArgs, ColorChoice, Mode};
use crate::config::error::suggestion;
use crate::config::file::rule_keys;
use crate::config::{ConfigCache, ConfigError, Policy, RuleSelection};
use crate::document::Document;
use crate::facts::{FactsCache, ProjectFacts};
use crate::files;
use crate::linter::{self, LintSettings};
use crate::output::{self, FileReport, OutputFormat, Totals};
use crate::probe::{ProbeConfig, ProbeResults};
use crate::rules::{self};
use crate::source::SourceText;
use crate::streams::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Streams};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The file read, configured and parsed, when the probe step has done so already
    /// (with `--online`): each file is read and parsed once.
    prepared: Option<Result<Prepared, Unusable>>,
}

/// A file read, configured and parsed: what the probe step and the lint share.
struct Prepared {
    source: SourceText,
    document: Document,
    policy: Policy,
    facts: Arc<ProjectFacts>,
}

/// Why a file is not linted: it cannot be read, or its config is bad (which stops the run).
enum Unusable {
    Unreadable(String),
    BadConfig(ConfigError),
}

impl From<Unusable> for Outcome {
    fn from(unusable: Unusable) -> Self {
        match unusable {
            Unusable::Unreadable(message) => Outcome::Error(message),
            Unusable::BadConfig(error) => Outcome::Config(error),
        }
    }
}

/// Reads, configures and parses one file.
fn prepare(input: &mut Input, shared: &Shared<'_>) -> Result<Prepared, Unusable> {
    let text = match (input.stdin_text.take(), &input.real_path) {
        (Some(text), _) => text,
        (None, Some(real_path)) => {
            files::read_readme(&input.path, real_path)
                .map_err(|error| Unusable::Unreadable(error.to_string()))?
                .text
        }
        (None, None) => return Err(Unusable::Unreadable(format!("{}: nothing to read", input.shown))),
    };
    let config = shared
        .configs
        .for_file(&input.path)
        .map_err(Unusable::BadConfig)?;
    let source = SourceText::new(text);
    let document = Document::parse(&source);
    Ok(Prepared {
        policy: config.policy_for(&input.path, shared.selection),
        facts: shared.facts.get(facts_dir(&input.path)),
        source,
        document,
    })
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

/// Why a run stops before linting anything: printed as `error: …`, exit 2, and nothing
/// written (report files are created last, once everything else is known to be right).
struct Refusal(String);

impl From<ConfigError> for Refusal {
    fn from(error: ConfigError) -> Self {
        Refusal(error.to_string())
    }
}

impl From<files::FileError> for Refusal {
    fn from(error: files::FileError) -> Self {
        // The path may come from the command line or a README's folder: escaped.
        Refusal(output::escape_controls(&error.to_string()))
    }
}

/// What a run works through, settled before the first file is linted.
struct Plan {
    today: jiff::civil::Date,
    mode: Mode,
    selection: RuleSelection,
    configs: ConfigCache,
    reading_stdin: bool,
    inputs: Vec<Input>,
    /// Paths that could not be used, reported with the findings (exit 2).
    errors: Vec<String>,
    probe: Option<ProbeConfig>,
    /// The `--report` files, opened before any work so that a bad path fails early.
    reports: Vec<(output::Emitter, files::ReportFile)>,
}

/// Settles the plan: every way the command line, the config or standard input can be
/// wrong is found here. Warnings are added to `warnings`, to be printed even when the
/// plan is refused.
fn plan(args: &CheckArgs, stdin: &mut dyn Read, warnings: &mut Vec<String>) -> Result<Plan, Refusal> {
    let mode = args.mode();
    if args.unsafe_fixes && mode == Mode::Report {
        // Harmless, but say it: the user probably meant --fix --unsafe-fixes.
        warnings.push("--unsafe-fixes has no effect without --fix or --diff".into());
    }
    let selection = rule_selection(args).map_err(Refusal)?;
    let load_options = crate::config::LoadOptions {
        allow_external_extends: args.allow_external_extends,
    };
    let configs = ConfigCache::with_options(args.config.as_deref(), load_options)?;
    let reading_stdin = args.paths.len() == 1 && args.paths[0] == Path::new("-");
    let mut errors = Vec::new();
    let inputs = if reading_stdin {
        vec![read_stdin(args, stdin)?]
    } else {
        let found = crate::discover::discover(&args.paths, &configs, args.force_exclude)?;
        errors.extend(found.errors.iter().map(ToString::to_string));
        if args.paths.is_empty() && found.files.is_empty() && found.errors.is_empty() {
            warnings.push(
                "no README found in this folder or below (README, README.md or README.markdown, any case)"
                    .into(),
            );
        }
        found
            .files
            .into_iter()
            .filter(|target| args.shard.is_none_or(|shard| shard.contains(&target.path)))
            .map(|target| Input {
                shown: output::display_path(&target.path),
                path: target.path,
                real_path: Some(target.real_path),
                stdin_text: None,
                prepared: None,
            })
            .collect()
    };
    let probe = online_config(args).map_err(Refusal)?;
    let mut reports = Vec::new();
    if !matches!(mode, Mode::Diff(_)) {
        for (format, path) in &args.report {
            // Summaries are appended, as a CI job summary expects.
            let file = files::ReportFile::create(path, *format == OutputFormat::Summary)?;
            reports.push((
                output::Emitter::new(output::EmitKind::Findings(*format), false),
                file,
            ));
        }
    }
    Ok(Plan {
        today: args.today.unwrap_or_else(|| jiff::Zoned::now().date()),
        mode,
        selection,
        configs,
        reading_stdin,
        inputs,
        errors,
        probe,
        reports,
    })
}

/// Standard input as the one file to lint, shown as `--stdin-filename` or `-`.
fn read_stdin(args: &CheckArgs, stdin: &mut dyn Read) -> Result<Input, Refusal> {
    let mut bytes = Vec::new();
    let shown_path = args.stdin_filename.clone().unwrap_or_else(|| PathBuf::from("-"));
    stdin
        .take(files::MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| Refusal(format!("cannot read standard input: {error}")))?;
    if bytes.len() as u64 > files::MAX_FILE_SIZE {
        return Err(Refusal(format!(
            "standard input is over the {} MiB limit for a README",
            files::MAX_FILE_SIZE / (1024 * 1024)
        )));
    }
    let text = files::decode(&shown_path, bytes)?;
    Ok(Input {
        shown: output::display_path(&shown_path),
        path: shown_path,
        real_path: None,
        stdin_text: Some(text),
        prepared: None,
    })
}

fn check_files(args: &CheckArgs, streams: &mut Streams<'_>) -> io::Result<u8> {
    let mut warnings = Vec::new();
    let planned = plan(args, &mut *streams.stdin, &mut warnings);
    for warning in &warnings {
        writeln!(streams.stderr, "warning: {warning}")?;
    }
    let Plan {
        today,
        mode,
        selection,
        configs,
        reading_stdin,
        inputs,
        mut errors,
        probe: probe_config,
        reports: mut extra_emitters,
    } = match planned {
        Ok(plan) => plan,
        Err(Refusal(message)) => {
            writeln!(streams.stderr, "error: {message}")?;
            return Ok(EXIT_ERROR);
        }
    };
    let color = use_color(args.color, streams);
    let mut shared = Shared {
        configs: &configs,
        facts: FactsCache::new(),
        selection: &selection,
        today,
        mode,
        probe: probe_config.as_ref().map(|_| ProbeResults::default()),
    };

    // Reports are written as files finish, in path order: the main output, plus the
    // `--report` files.
    let main_kind = if args.statistics {
        output::EmitKind::Statistics
    } else {
        output::EmitKind::Findings(args.output_format)
    };
    let mut main_emitter = output::Emitter::new(main_kind, color);
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
    let prepared = prepare(input, shared);
    let Ok(prepared) = input.prepared.insert(prepared) else {
        return Vec::new();
    };
    let settings = LintSettings {
        path: Some(&input.path),
        policy: &prepared.policy,
        facts: &prepared.facts,
        today: shared.today,
        probe: None,
    };
    linter::probe_targets(&prepared.source, &prepared.document, settings)
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
fn process(mut input: Input, shared: &Shared<'_>) -> Outcome {
    // Standard input is the one input with no file behind it.
    let from_stdin = input.real_path.is_none();
    let prepared = match input.prepared.take() {
        Some(prepared) => prepared,
        None => prepare(&mut input, shared),
    };
    let Prepared {
        source,
        document,
        policy,
        facts,
    } = match prepared {
        Ok(prepared) => prepared,
        Err(unusable) => return unusable.into(),
    };
    let settings = LintSettings {
        path: Some(&input.path),
        policy: &policy,
        facts: &facts,
        today: shared.today,
        probe: shared.probe.as_ref(),
    };
    let threshold = match shared.mode {
        Mode::Fix(threshold) | Mode::Diff(threshold) => threshold,
        Mode::Report => {
            let diagnostics = linter::lint_document(&source, &document, settings);
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
    let outcome = match linter::fix_document(source, document, settings, threshold) {
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
