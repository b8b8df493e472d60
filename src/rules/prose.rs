//! Reading a README's opening prose: whether a sentence names the project or says what
//! it is. Shared by the rules that look for a title and a description.

/// Words that label a notice rather than name a project or a section ("## NOTE", a lone
/// `**Warning**` line).
pub const NOTICE_LABELS: [&str; 12] = [
    "note",
    "notes",
    "warning",
    "important",
    "caution",
    "attention",
    "tip",
    "deprecated",
    "notice",
    "wip",
    "archived",
    "unmaintained",
];

/// True when a heading labels a notice: "NOTE", "⚠️ Deprecated", ":warning: Internal
/// API :warning:", "Warning: ..." ("Notes" is a section of its own).
pub fn is_notice_label(heading: &str) -> bool {
    let lower = heading.to_lowercase();
    if lower.contains(":warning:") || lower.contains('⚠') {
        return true;
    }
    // The label alone, or followed by a colon ("Deprecated: use `x`"), not "Important links".
    let words: Vec<&str> = lower
        .split(|ch: char| !ch.is_alphanumeric() && ch != ':')
        .filter(|word| !word.is_empty() && *word != ":")
        .collect();
    let Some(first) = words.first() else { return false };
    let label = first.trim_end_matches(':');
    label != "notes" && NOTICE_LABELS.contains(&label) && (words.len() == 1 || first.ends_with(':'))
}

/// The first sentence of a paragraph (up to its first full stop), without a quote mark.
pub fn opening_sentence(paragraph: &str) -> &str {
    let sentence_end = paragraph
        .match_indices(". ")
        .map(|(at, _)| at)
        .chain(paragraph.find(".\n"))
        .min()
        .unwrap_or(paragraph.len());
    paragraph[..sentence_end].trim().trim_start_matches(['>', ' '])
}

/// Kinds of thing a definition names beyond [`THING_WORDS`] ("A tiny wrapper around").
const MORE_DEFINED_THINGS: [&str; 13] = [
    "implementation",
    "wrapper",
    "utility",
    "utilities",
    "parser",
    "client",
    "binding",
    "bindings",
    "helper",
    "helpers",
    "set",
    "collection",
    "port",
];

/// True when `sentence` says what something is: "A Rust library for converting colors",
/// "An implementation of ...", "NAME is a ...".
pub fn is_definition(sentence: &str) -> bool {
    let words: Vec<String> = sentence
        .split_whitespace()
        .take(8)
        .map(|word| word.trim_matches(|ch: char| !ch.is_alphanumeric()).to_lowercase())
        .collect();
    let opens_indefinite = words.first().is_some_and(|word| word == "a" || word == "an");
    // "This is a cross-platform library ...", "This package provides ...".
    let this_is = words.first().is_some_and(|word| word == "this")
        && (words.get(1).is_some_and(|word| word == "is")
            && words.get(2).is_some_and(|word| word == "a" || word == "an")
            || words
                .get(1)
                .is_some_and(|word| THING_WORDS.contains(&word.as_str()) || word == "repository")
                && words
                    .get(2)
                    .is_some_and(|verb| DEFINING_VERBS.contains(&verb.as_str())));
    this_is
        || (opens_indefinite && words.iter().skip(1).any(|word| THING_WORDS.contains(&word.as_str()) || MORE_DEFINED_THINGS.contains(&word.as_str())))
        // "X is the main class" describes a part; "X is a library" the whole.
        || named_subject_is(&leading_words(sentence), &["a", "an", "one"])
}

/// Verbs that say what a project is or does ("This crate provides ...").
const DEFINING_VERBS: [&str; 8] = [
    "is",
    "provides",
    "implements",
    "contains",
    "offers",
    "allows",
    "lets",
    "adds",
];

/// Words that start a sentence about something unnamed ("This crate ...", "A library ...").
const UNNAMED_SUBJECTS: [&str; 16] = [
    "this", "it", "that", "these", "there", "here", "a", "an", "what", "if", "we", "you", "i", "our", "when",
    "in",
];

/// Kinds of thing a sentence names ("The `x` crate", "The ordered-binary package").
const THING_WORDS: [&str; 9] = [
    "crate",
    "package",
    "library",
    "module",
    "project",
    "plugin",
    "tool",
    "framework",
    "extension",
];

/// True when `sentence` (a README's first) names the project: it opens with a name
/// in bold or code (`**Esprima**`, `` `moize` ``), says "NAME is a ..." ("CSSO (CSS
/// Optimizer) is a CSS minifier"), "The NAME crate ...", or holds the package's name.
pub fn names_project(sentence: &str, package: Option<&str>) -> bool {
    if let Some(package) = package.filter(|name| !name.is_empty()) {
        let lower = sentence.to_lowercase();
        let name = package.to_lowercase();
        let bare = name.rsplit('/').next().unwrap_or(&name);
        if contains_word(&lower, bare) {
            return true;
        }
    }
    // `**Name** is`, `` `name` provides``: a styled name first, not a notice's label.
    for mark in ["**", "__", "`"] {
        if let Some(rest) = sentence.strip_prefix(mark)
            && let Some(close) = rest.find(mark)
        {
            let name = rest[..close].trim();
            let after = rest[close + mark.len()..].trim_start();
            let label = name.ends_with(':')
                || after.starts_with(':')
                || name.split_whitespace().count() > 4
                || NOTICE_LABELS.contains(&name.to_lowercase().as_str());
            if !name.is_empty() && !label {
                return true;
            }
        }
    }
    let words = leading_words(sentence);
    if words.first().is_some_and(|first| first == "the") {
        // "The NAME crate", "The NAME package".
        return words
            .get(2)
            .is_some_and(|word| THING_WORDS.contains(&word.trim_end_matches([',', ':'])))
            && words.len() > 3;
    }
    named_subject_is(&words, &["a", "an", "the", "one"])
}

/// The sentence's first words, lowercase, without emphasis and link marks.
fn leading_words(sentence: &str) -> Vec<String> {
    sentence
        .split_whitespace()
        .take(12)
        .map(|word| word.trim_matches(|ch: char| "*_`[]".contains(ch)).to_lowercase())
        .collect()
}

/// True for "NAME is a ...", "NAME (long name) is an ...": a named subject of up to four
/// words, a parenthesis aside, then "is" or "are" and one of `articles`.
fn named_subject_is(words: &[String], articles: &[&str]) -> bool {
    let Some(first) = words.first() else { return false };
    if UNNAMED_SUBJECTS.contains(&first.as_str()) {
        return false;
    }
    let mut subject = 0;
    let mut in_parenthesis = false;
    for (index, word) in words.iter().enumerate() {
        if in_parenthesis || word.starts_with('(') {
            in_parenthesis = !word.ends_with(')');
            continue;
        }
        if (word == "is" || word == "are")
            && words
                .get(index + 1)
                .is_some_and(|next| articles.contains(&next.as_str()))
        {
            return (1..=4).contains(&subject);
        }
        if word.ends_with([',', ';', ':', '.']) {
            return false;
        }
        subject += 1;
        if subject > 4 {
            return false;
        }
    }
    false
}

/// True when `word` stands in `text` as a whole word (not inside a longer name).
pub fn contains_word(text: &str, word: &str) -> bool {
    let is_name_char = |ch: char| ch.is_alphanumeric() || ch == '-' || ch == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_name_char) && !after.is_some_and(is_name_char)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notice_labels_alone_or_with_a_colon() {
        assert!(is_notice_label("NOTE"));
        assert!(is_notice_label(":warning: Internal API :warning:"));
        assert!(is_notice_label("⚠️ Deprecated"));
        assert!(is_notice_label("Deprecated: use `demo2`"));
        assert!(!is_notice_label("Notes"));
        assert!(!is_notice_label("Important links"));
        assert!(!is_notice_label("Tips and tricks"));
    }

    #[test]
    fn definitions_say_what_the_project_is() {
        assert!(is_definition("A Rust library for converting colors"));
        assert!(is_definition(
            "This is a cross-platform library for the clipboard"
        ));
        assert!(is_definition("This package provides common functionality"));
        assert!(is_definition("CSSO (CSS Optimizer) is a CSS minifier"));
        assert!(!is_definition("This is why the API changed"));
        assert!(!is_definition("Run the tests with cargo test"));
    }

    #[test]
    fn opening_sentences_that_name_the_project() {
        assert!(names_project("The `demo` crate parses demo files", None));
        assert!(names_project("**demo** parses demo files", None));
        assert!(names_project("Parses files for demo users", Some("demo")));
        assert!(!names_project("**Note** this moved", None));
        assert!(!names_project("Parses files quickly", Some("demo")));
    }
}
