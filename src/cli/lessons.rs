//! `concurrency-lab lessons` and `lesson N`: the guided lessons on a
//! terminal — read, predict, measure, compare — with progress shared with
//! the window's Lessons panel.

use std::io::{BufRead, IsTerminal};

use super::error::{CliError, print_err, print_out};
use super::{run, table};
use crate::engine::measure::machine::MachineInfo;
use crate::engine::python::code::{CodeSpec, python_code};
use crate::engine::spec::preset::{Experiment, Runtime};
use crate::lessons::{COUNT, Lesson, PROGRESS_FILE, Progress, Verdict};
use crate::tr;

#[derive(Debug, clap::Args)]
pub struct LessonArgs {
    /// The lesson's number
    #[arg(value_name = "N")]
    number: u8,
    /// Your prediction's number, instead of asking on the terminal
    #[arg(long, value_name = "K")]
    answer: Option<usize>,
}

/// The `lesson` subcommand's help in the language on show.
pub fn translate_help(command: clap::Command) -> clap::Command {
    command
        .about(tr!("cli-help-lesson"))
        .mut_arg("number", |a| {
            a.help(tr!("cli-help-lesson-number", count = COUNT))
        })
        .mut_arg("answer", |a| a.help(tr!("cli-help-lesson-answer")))
}

/// Lists the lessons, marking those done.
pub fn lessons() -> Result<(), CliError> {
    let progress = load_progress();
    let mut text = String::new();
    for lesson in Lesson::all() {
        let done = progress.done.contains(&lesson.index());
        let mark = if done {
            format!("  ({})", tr!("cli-lesson-done-mark"))
        } else {
            String::new()
        };
        text.push_str(&format!(
            "{:>2}. {}{mark}\n",
            lesson.index(),
            lesson.title()
        ));
    }
    text.push('\n');
    text.push_str(&tr!(
        "lessons-done",
        done = progress.done.len(),
        count = COUNT
    ));
    text.push('\n');
    text.push_str(&tr!("cli-lessons-hint"));
    text.push('\n');
    print_out(&text)
}

/// Follows one lesson: text, question, prediction, run, verdict.
pub fn lesson(args: &LessonArgs) -> Result<(), CliError> {
    let lesson = Lesson::number(args.number).ok_or_else(|| {
        CliError::BadArgument(tr!(
            "cli-lesson-unknown",
            number = args.number,
            count = COUNT
        ))
    })?;
    let cores = MachineInfo::current().cores;
    let answers = lesson.answers(cores);
    print_out(&introduction(lesson, cores, &answers))?;
    let answer = prediction(args.answer, answers.len())?;
    let pythons = crate::engine::python::pythons();
    let usable: Vec<_> = pythons.usable().cloned().collect();
    if usable.is_empty() {
        print_err(&format!("{}\n", tr!("lessons-python-missing")));
    }
    let experiment = lesson.preset(&usable).validate_here(&tr!(
        "lessons-step",
        step = lesson.index(),
        count = COUNT
    ))?;
    let result = run::measure(experiment.clone(), false)?;
    print_out(&table::render(&result))?;
    if result.cancelled {
        return Err(CliError::Cancelled(result.preset.name.clone()));
    }
    print_out(&verdict_text(&lesson.verdict(answer, &result)))?;
    print_out(&python_programs(&experiment))?;
    save_done(lesson);
    Ok(())
}

fn introduction(lesson: Lesson, cores: usize, answers: &[String]) -> String {
    let mut text = format!(
        "{} — {}\n\n{}\n\n{}\n",
        tr!("lessons-step", step = lesson.index(), count = COUNT),
        lesson.title(),
        lesson.text(),
        lesson.question(cores)
    );
    for (index, answer) in answers.iter().enumerate() {
        text.push_str(&format!("  {}. {answer}\n", index + 1));
    }
    text
}

/// The prediction (0-based): from `--answer`, else asked on the terminal
/// until a valid number comes.
fn prediction(given: Option<usize>, count: usize) -> Result<usize, CliError> {
    let invalid = |answer: String| {
        CliError::BadArgument(tr!(
            "cli-lesson-answer-invalid",
            answer = answer,
            count = count
        ))
    };
    if let Some(given) = given {
        return (1..=count)
            .contains(&given)
            .then(|| given - 1)
            .ok_or_else(|| invalid(given.to_string()));
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(CliError::BadArgument(tr!("cli-lesson-no-terminal")));
    }
    let mut lines = stdin.lock().lines();
    loop {
        print_out(&format!("{} ", tr!("cli-lesson-choose", count = count)))?;
        let Some(Ok(line)) = lines.next() else {
            return Err(CliError::BadArgument(tr!("cli-lesson-no-terminal")));
        };
        match line.trim().parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => return Ok(n - 1),
            _ => print_err(&format!("{}\n", invalid(line.trim().to_owned()))),
        }
    }
}

fn verdict_text(verdict: &Verdict) -> String {
    let mut lines = vec![
        tr!("lessons-your-answer", answer = verdict.predicted.clone()),
        if verdict.predicted_right {
            tr!("lessons-right")
        } else {
            tr!("lessons-wrong")
        },
        tr!("lessons-theory", theory = verdict.theory.clone()),
        tr!("lessons-measured", measured = verdict.measured.clone()),
        if verdict.agrees {
            tr!("lessons-agrees")
        } else {
            tr!("lessons-disagrees")
        },
    ];
    lines.extend(verdict.why_not.clone());
    format!("\n{}\n  {}\n", tr!("lessons-verdict"), lines.join("\n  "))
}

/// The program each CPython run ran.
fn python_programs(experiment: &Experiment) -> String {
    let mut text = String::new();
    for (index, run) in experiment.runs.iter().enumerate() {
        if run.runtime != Runtime::Python {
            continue;
        }
        let Some(code) = CodeSpec::for_run(experiment, index).and_then(|s| python_code(&s)) else {
            continue;
        };
        text.push_str(&format!(
            "\n{} — {}\n\n{code}\n",
            tr!("lessons-python-code"),
            run.label
        ));
    }
    text
}

fn progress_path() -> Option<std::path::PathBuf> {
    crate::app::data_dir().map(|dir| dir.join(PROGRESS_FILE))
}

fn load_progress() -> Progress {
    progress_path()
        .as_deref()
        .map(Progress::load)
        .unwrap_or_default()
}

/// Marks the lesson done; a progress file that cannot be written is a
/// warning, not a failure of the lesson.
fn save_done(lesson: Lesson) {
    let Some(path) = progress_path() else {
        return;
    };
    let mut progress = Progress::load(&path);
    progress.finish(lesson);
    progress.current = lesson.index();
    if let Err(error) = progress.save(&path) {
        print_err(&format!(
            "{}\n",
            tr!(
                "cli-warning",
                message = tr!(
                    "lessons-progress-unsaved",
                    path = path.display().to_string(),
                    reason = error.to_string()
                )
            )
        ));
    }
}
