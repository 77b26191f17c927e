//! The languages the lab speaks: every sentence a person reads comes from a
//! Fluent file (`assets/i18n/{en,ru}/concurrency_lab.ftl`), looked up with
//! [`tr!`](crate::tr), whose message ids and variables are checked against the
//! English file at compile time (i18n-embed-fl).
//!
//! Why i18n-embed with `fl!` rather than fluent-templates: a misspelt id or
//! variable is a build error, not a blank in a learner's window. Russian
//! plurals (one / few / many) come from Fluent's CLDR rules.
//!
//! Numbers follow one convention per language: a decimal point in English
//! (1.92×), a decimal comma in Russian (1,92×), as a Russian reader expects;
//! thousands are not grouped in either. Data formats (JSON, CSV, preset keys,
//! model names) stay English whatever the language.

use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use i18n_embed::LanguageLoader;
use i18n_embed::fluent::{FluentLanguageLoader, fluent_language_loader};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};

#[derive(RustEmbed)]
#[folder = "assets/i18n/"]
struct Localizations;

/// One loader per language, each falling back to English for a missing
/// message: switching language is choosing a loader, nothing is reloaded.
static LOADERS: LazyLock<[FluentLanguageLoader; 2]> =
    LazyLock::new(|| Language::ALL.map(make_loader));

fn make_loader(language: Language) -> FluentLanguageLoader {
    let loader = fluent_language_loader!();
    let requested: Vec<i18n_embed::unic_langid::LanguageIdentifier> = [language.tag(), "en"]
        .iter()
        .filter_map(|t| t.parse().ok())
        .collect();
    // The files are compiled in and English is checked by every `tr!` at
    // build time; should loading fail, messages show their ids.
    let _ = loader.load_languages(&Localizations, &requested);
    // Unicode isolation marks around variables draw as boxes in egui (set
    // after loading: it applies to the bundles that exist).
    loader.set_use_isolating(false);
    loader
}

/// The loader of the current language (see [`current`]).
pub fn loader() -> &'static FluentLanguageLoader {
    &LOADERS[current() as usize]
}

/// A message in the current language: `tr!("id")` or `tr!("id", name = value)`.
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id)
    };
    // Each value is parenthesised: `fl!` writes `value.into()`, which
    // would bind to the last operand of `index + 1`.
    ($id:literal, $($key:ident = $value:expr),+ $(,)?) => {
        i18n_embed_fl::fl!($crate::i18n::loader(), $id, $($key = ($value)),+)
    };
}

/// A language the lab speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    /// English.
    En,
    /// Russian.
    Ru,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Language; 2] = [Language::En, Language::Ru];

    /// The language tag Fluent files are filed under.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Ru => "ru",
        }
    }

    /// Its own name, as its speakers write it (for the language menu).
    pub fn native_name(self) -> &'static str {
        match self {
            Language::En => "English",
            Language::Ru => "Русский",
        }
    }

    fn from_tag(tag: &str) -> Option<Language> {
        let primary = tag.split(['-', '_', '.']).next()?.to_ascii_lowercase();
        Language::ALL.into_iter().find(|l| l.tag() == primary)
    }
}

/// The program's language (the command line's, or the window's choice).
static PROGRAM: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// A thread's own language, over the program's: tests of the Russian
    /// window run beside English ones in one process.
    static THREAD: std::cell::Cell<Option<Language>> = const { std::cell::Cell::new(None) };
}

/// The language messages are in now, on this thread.
pub fn current() -> Language {
    THREAD
        .with(std::cell::Cell::get)
        .unwrap_or_else(|| Language::ALL[usize::from(PROGRAM.load(Ordering::Relaxed)).min(1)])
}

/// Switches the program's messages to `language`.
pub fn set_language(language: Language) {
    PROGRAM.store(language as u8, Ordering::Relaxed);
}

/// Switches this thread's messages to `language` (`None`: the program's).
pub fn set_thread_language(language: Option<Language>) {
    THREAD.with(|t| t.set(language));
}

/// The language the system asks for, where the lab speaks it (else English).
pub fn system_language() -> Language {
    sys_locale::get_locales()
        .find_map(|tag| Language::from_tag(&tag))
        .unwrap_or(Language::En)
}

/// A number with `places` decimals in the current language's convention.
pub fn number(value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match current() {
        Language::Ru => text.replace('.', ","),
        Language::En => text,
    }
}

/// Every message id of a language's file with the variables it uses (for the
/// test that both languages say the same things).
pub fn message_variables(language: Language) -> Vec<(String, Vec<String>)> {
    let path = format!("{}/concurrency_lab.ftl", language.tag());
    let Some(file) = Localizations::get(&path) else {
        return Vec::new();
    };
    let text = String::from_utf8_lossy(&file.data).into_owned();
    let Ok(resource) = fluent_syntax::parser::parse(text.as_str()) else {
        return Vec::new();
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(message) => {
                let mut variables = Vec::new();
                if let Some(pattern) = &message.value {
                    collect_variables(pattern, &mut variables);
                }
                variables.sort();
                variables.dedup();
                Some((message.id.name.to_owned(), variables))
            }
            _ => None,
        })
        .collect()
}

fn collect_variables(pattern: &fluent_syntax::ast::Pattern<&str>, out: &mut Vec<String>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    fn inline(expression: &InlineExpression<&str>, out: &mut Vec<String>) {
        if let InlineExpression::VariableReference { id } = expression {
            out.push(id.name.to_owned());
        }
    }
    for element in &pattern.elements {
        let PatternElement::Placeable { expression } = element else {
            continue;
        };
        match expression {
            Expression::Inline(expression) => inline(expression, out),
            Expression::Select { selector, variants } => {
                inline(selector, out);
                for variant in variants {
                    collect_variables(&variant.value, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_tags_map_to_languages() {
        assert_eq!(Language::from_tag("ru-RU"), Some(Language::Ru));
        assert_eq!(Language::from_tag("ru_RU.UTF-8"), Some(Language::Ru));
        assert_eq!(Language::from_tag("en-GB"), Some(Language::En));
        assert_eq!(Language::from_tag("de-DE"), None);
    }

    #[test]
    fn both_languages_have_the_same_messages_with_the_same_variables() {
        let english = message_variables(Language::En);
        let russian = message_variables(Language::Ru);
        assert!(english.len() > 10, "the English file has its messages");
        let russian_ids: std::collections::HashMap<_, _> = russian.into_iter().collect();
        for (id, variables) in &english {
            let translated = russian_ids
                .get(id)
                .unwrap_or_else(|| panic!("{id} has no Russian translation"));
            assert_eq!(
                translated, variables,
                "{id}: the same variables in both languages"
            );
        }
        assert_eq!(
            russian_ids.len(),
            english.len(),
            "no Russian message without an English one"
        );
    }
}
