//! The library's layers import downward only, and no two modules import each other.
//!
//! Bottom up: reading (source, files, fix, dates, facts, html, anchor) -> the document
//! model (document, references, diagnostic, sections) -> badges, links and the table of
//! contents -> the online probe -> rules -> config, suppressions and output -> the
//! linter -> the commands. Each `crate::NAME` a module names (outside its tests and
//! comments) must sit in its own layer or one below; a new top-level module must be
//! given a layer here. Modules of one layer may use each other, but never in a cycle,
//! at any depth (`dates::bare` and `dates::scan` count as two modules).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const LAYERS: &[&[&str]] = &[
    &["source", "files", "fix", "dates", "facts", "html", "anchor"],
    &["document", "references", "diagnostic", "sections", "section_defs"],
    &["badges", "links", "toc"],
    &["probe"],
    &["rules"],
    &["config", "suppress", "output"],
    &["linter"],
    &[
        "commands", "cli", "streams", "discover", "scaffold", "lib", "main",
    ],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

fn source_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            out.push(path);
        }
    }
}

/// `src/rules/mod.rs` -> `rules`, `src/dates/bare.rs` -> `dates::bare`, `src/lib.rs` -> `lib`.
fn module_path(src: &Path, file: &Path) -> String {
    let relative = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.len() > 1 && parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts.join("::")
}

/// The code of a file without its `#[cfg(test)]` items and comment lines. Only an
/// attribute that starts a line counts (rustfmt puts them there), so one quoted in a doc
/// comment or a string hides nothing.
fn code_of(text: &str) -> String {
    let mut kept = String::new();
    let mut rest = text;
    while let Some(at) = test_attribute(rest) {
        kept.push_str(&rest[..at]);
        rest = &rest[at..];
        rest = &rest[item_end(rest)..];
    }
    kept.push_str(rest);
    kept.lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the first `#[cfg(test)]` that starts a line (after indentation) is.
fn test_attribute(text: &str) -> Option<usize> {
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start().len();
        if line.trim_start().starts_with("#[cfg(test)]") {
            return Some(line_start + indent);
        }
        line_start += line.len();
    }
    None
}

/// Where the item starting `text` ends: after its first `{ ... }` block (braces in
/// string, raw string and character literals and in comments do not count), or after its
/// first `;` when that comes first (`#[cfg(test)] use x;`).
fn item_end(text: &str) -> usize {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'/' if bytes.get(at + 1) == Some(&b'/') => {
                at = text[at..].find('\n').map_or(bytes.len(), |end| at + end);
                continue;
            }
            b'r' if matches!(bytes.get(at + 1), Some(b'"' | b'#'))
                && (at == 0 || !is_ident_char(bytes[at - 1])) =>
            {
                let hashes = bytes[at + 1..].iter().take_while(|&&byte| byte == b'#').count();
                if bytes.get(at + 1 + hashes) == Some(&b'"') {
                    let close = format!("\"{}", "#".repeat(hashes));
                    let body = at + 2 + hashes;
                    at = text[body..]
                        .find(&close)
                        .map_or(bytes.len(), |end| body + end + close.len());
                    continue;
                }
            }
            b'"' => {
                at += 1;
                while at < bytes.len() && bytes[at] != b'"' {
                    at += if bytes[at] == b'\\' { 2 } else { 1 };
                }
            }
            b'\'' if bytes.get(at + 2) == Some(&b'\'') => at += 2,
            b'\'' if bytes.get(at + 1) == Some(&b'\\') => {
                at = text[at + 2..].find('\'').map_or(bytes.len(), |end| at + 2 + end);
            }
            b';' if depth == 0 => return at + 1,
            b'{' => depth += 1,
            b'}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return at + 1;
                }
            }
            _ => {}
        }
        at += 1;
    }
    bytes.len()
}

fn is_ident_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_'
}

/// Where a path starts: the crate root, or `super::` repeated this many times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Anchor {
    Crate,
    Super(usize),
}

/// Every path the code names after `crate::` or `super::` (repeated any number of times),
/// in a `use` or in an expression, with groups expanded at any depth:
/// `use crate::{a::{b, self}, c as _}` names `a::b`, `a` and `c`.
fn named_paths(code: &str) -> BTreeSet<(Anchor, Vec<String>)> {
    let mut found = BTreeSet::new();
    let bytes = code.as_bytes();
    let mut from = 0;
    while from < code.len() {
        let Some(at) = ["crate::", "super::"]
            .iter()
            .filter_map(|keyword| code[from..].find(keyword))
            .min()
        else {
            break;
        };
        let start = from + at;
        if start > 0 && (is_ident_char(bytes[start - 1]) || bytes[start - 1] == b':') {
            from = start + 1;
            continue;
        }
        let (anchor, mut cursor) = if code[start..].starts_with("crate::") {
            (Anchor::Crate, start + "crate::".len())
        } else {
            let mut supers = 0;
            let mut cursor = start;
            while code[cursor..].starts_with("super::") {
                supers += 1;
                cursor += "super::".len();
                cursor = skip_space(code, cursor);
            }
            (Anchor::Super(supers), cursor)
        };
        cursor = use_tree(code, cursor, &mut Vec::new(), &mut |path| {
            found.insert((anchor, path));
        });
        from = cursor.max(start + 1);
    }
    found
}

fn skip_space(code: &str, at: usize) -> usize {
    at + code[at..].len() - code[at..].trim_start().len()
}

fn ident_at(code: &str, at: usize) -> &str {
    let len = code[at..].bytes().take_while(|&byte| is_ident_char(byte)).count();
    &code[at..at + len]
}

/// Reads the path or group at `at`, after `prefix::`, calling `found` with each full
/// path; returns where it ends.
fn use_tree(code: &str, at: usize, prefix: &mut Vec<String>, found: &mut dyn FnMut(Vec<String>)) -> usize {
    let mut at = skip_space(code, at);
    let depth = prefix.len();
    loop {
        if code[at..].starts_with('{') {
            at += 1;
            loop {
                at = skip_space(code, at);
                if at >= code.len() || code[at..].starts_with('}') {
                    break;
                }
                at = use_tree(code, at, prefix, found);
                at = skip_space(code, at);
                if code[at..].starts_with(',') {
                    at += 1;
                } else if !code[at..].starts_with('}') {
                    break;
                }
            }
            prefix.truncate(depth);
            return (at + 1).min(code.len());
        }
        let ident = ident_at(code, at);
        if ident.is_empty() {
            break;
        }
        at += ident.len();
        if ident != "self" {
            prefix.push(ident.to_string());
        }
        let after = skip_space(code, at);
        if code[after..].starts_with("::") {
            at = skip_space(code, after + 2);
            continue;
        }
        if ident_at(code, after) == "as" {
            let alias = skip_space(code, after + 2);
            at = alias + ident_at(code, alias).len();
        }
        break;
    }
    if !prefix.is_empty() {
        found(prefix.clone());
    }
    prefix.truncate(depth);
    at
}

struct Crate {
    /// Module path to its code.
    modules: BTreeMap<String, String>,
}

impl Crate {
    fn read() -> Crate {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        source_files(&src, &mut files);
        let modules = files
            .iter()
            .map(|file| {
                (
                    module_path(&src, file),
                    code_of(&std::fs::read_to_string(file).unwrap()),
                )
            })
            .collect();
        Crate { modules }
    }

    /// The modules `module` names, as the longest known module path of each reference.
    fn uses(&self, module: &str) -> BTreeSet<String> {
        let code = &self.modules[module];
        let parts: Vec<&str> = module.split("::").collect();
        let mut used = BTreeSet::new();
        let mut known = |path: Vec<String>| {
            for length in (1..=path.len()).rev() {
                let candidate = path[..length].join("::");
                if self.modules.contains_key(&candidate) {
                    used.insert(candidate);
                    return;
                }
            }
        };
        // `super::` in module `a::b` names `a`, whether `a::b` is `a/b.rs` or `a/b/mod.rs`;
        // in a top-level module it names the crate root. `lib` is the root itself.
        let own: &[&str] = if module == "lib" { &[] } else { &parts };
        for (anchor, path) in named_paths(code) {
            let base = match anchor {
                Anchor::Crate => &own[..0],
                Anchor::Super(supers) if supers <= own.len() => &own[..own.len() - supers],
                Anchor::Super(_) => continue,
            };
            let mut full: Vec<String> = base.iter().map(|part| part.to_string()).collect();
            full.extend(path);
            known(full);
        }
        used.remove(module);
        used
    }
}

#[test]
fn no_module_imports_a_higher_layer() {
    let krate = Crate::read();
    let mut problems = Vec::new();
    for module in krate.modules.keys() {
        let top = module.split("::").next().unwrap();
        let Some(own) = layer_of(top) else {
            problems.push(format!(
                "src module `{top}` has no layer: add it to LAYERS in tests/layers.rs"
            ));
            continue;
        };
        for used in krate.uses(module) {
            let used_top = used.split("::").next().unwrap();
            if let Some(theirs) = layer_of(used_top)
                && theirs > own
            {
                problems.push(format!(
                    "`{module}` (layer {own}) uses `{used}` (layer {theirs}): move what it needs down, or pass it in"
                ));
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_modules_import_each_other() {
    let krate = Crate::read();
    // Edges between modules that are not each other's ancestors (a parent module
    // declares its children, and children use their parent's items by design).
    let edges: BTreeMap<&str, BTreeSet<String>> = krate
        .modules
        .keys()
        .map(|module| {
            let used = krate
                .uses(module)
                .into_iter()
                .filter(|used| {
                    !(module.starts_with(&format!("{used}::")) || used.starts_with(&format!("{module}::")))
                })
                .collect();
            (module.as_str(), used)
        })
        .collect();
    let cycles = cycles_in(&edges);
    assert!(
        cycles.is_empty(),
        "modules that import each other:\n{}",
        cycles.join("\n")
    );
}

/// The groups of modules that reach each other (Tarjan's strongly connected components,
/// iteratively), each as `a <-> b <-> c`.
fn cycles_in(edges: &BTreeMap<&str, BTreeSet<String>>) -> Vec<String> {
    let names: Vec<&str> = edges.keys().copied().collect();
    let index_of: BTreeMap<&str, usize> = names
        .iter()
        .enumerate()
        .map(|(index, name)| (*name, index))
        .collect();
    let successors: Vec<Vec<usize>> = names
        .iter()
        .map(|name| {
            edges[name]
                .iter()
                .filter_map(|used| index_of.get(used.as_str()).copied())
                .collect()
        })
        .collect();
    let count = names.len();
    let (mut index, mut low, mut on_stack) = (vec![usize::MAX; count], vec![0; count], vec![false; count]);
    let (mut stack, mut next, mut cycles) = (Vec::new(), 0, Vec::new());
    for root in 0..count {
        if index[root] != usize::MAX {
            continue;
        }
        // (node, next successor to look at); a node's parent sits below it on `work`.
        let mut work = vec![(root, 0usize)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut child)) = work.last_mut() {
            if let Some(&successor) = successors[node].get(*child) {
                *child += 1;
                if index[successor] == usize::MAX {
                    index[successor] = next;
                    low[successor] = next;
                    next += 1;
                    stack.push(successor);
                    on_stack[successor] = true;
                    work.push((successor, 0));
                } else if on_stack[successor] {
                    low[node] = low[node].min(index[successor]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(names[member]);
                    if member == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort();
                    cycles.push(component.join(" <-> "));
                }
            }
        }
    }
    cycles
}

#[test]
fn the_checks_see_what_they_look_for() {
    let found = named_paths(
        "use crate::{a, b::c};\nlet x = crate::d::e::f();\nsuper::g::h;\nnot_crate::i;\n\
         use crate::{j::{k, self}, l as _, m::{n::{o}}};\nsuper::super::p;",
    );
    let path = |anchor, parts: &[&str]| (anchor, parts.iter().map(|part| part.to_string()).collect());
    let expected: BTreeSet<(Anchor, Vec<String>)> = [
        path(Anchor::Crate, &["a"]),
        path(Anchor::Crate, &["b", "c"]),
        path(Anchor::Crate, &["d", "e", "f"]),
        path(Anchor::Super(1), &["g", "h"]),
        path(Anchor::Crate, &["j"]),
        path(Anchor::Crate, &["j", "k"]),
        path(Anchor::Crate, &["l"]),
        path(Anchor::Crate, &["m", "n", "o"]),
        path(Anchor::Super(2), &["p"]),
    ]
    .into_iter()
    .collect();
    assert_eq!(found, expected);
    assert_eq!(
        code_of("a\n// crate::x\nb\n#[cfg(test)]\nmod tests { crate::y }"),
        "a\nb"
    );
    // An attribute quoted in a doc comment hides nothing.
    assert_eq!(code_of("/// `#[cfg(test)]` {\nuse crate::x;"), "use crate::x;");
    // Upward imports hidden in a nested group, behind `super::` in a top-level module and
    // behind `super::super::` are all seen.
    let sample = Crate {
        modules: [
            ("source", "use crate::{fix::{Edit}, linter as _};"),
            ("dates", "use super::commands as _;"),
            ("output::sarif", "use super::super::linter as _;"),
            ("fix", ""),
            ("linter", ""),
            ("commands", ""),
            ("output", ""),
        ]
        .into_iter()
        .map(|(module, code)| (module.to_string(), code.to_string()))
        .collect(),
    };
    assert!(sample.uses("source").contains("linter"));
    assert!(sample.uses("source").contains("fix"));
    assert!(sample.uses("dates").contains("commands"));
    assert!(sample.uses("output::sarif").contains("linter"));
    let krate = Crate::read();
    // A module the layers know uses what it imports: the reader is not blind.
    assert!(krate.uses("rules::broken_link").contains("links"));
    assert!(krate.uses("linter").contains("rules"));
    // The cycle finder finds a cycle three modules long, and none in a chain.
    let graph = |pairs: &[(&'static str, &'static str)]| {
        let mut edges: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in pairs {
            edges.entry(from).or_default().insert(to.to_string());
            edges.entry(to).or_default();
        }
        edges
    };
    assert_eq!(
        cycles_in(&graph(&[("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])),
        ["a <-> b <-> c"]
    );
    assert!(cycles_in(&graph(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
}
