//! The predicted-versus-measured account as a person reads it: "ideal 2.00×
//! · start-up −0.07 · per-task overhead −0.01 · measured 1.87×", and a plain
//! word when the model and the machine disagree.

use super::gap::{GapPart, disagrees};
use super::metrics::RunSummary;
use crate::i18n::number;
use crate::present::units;
use crate::tr;

/// Parts that change the speed-up by less than this are left out.
const SHOWN: f64 = 0.005;

/// The account of run's gap, or `None` without one.
pub fn breakdown(run: &RunSummary) -> Option<String> {
    let gap = run.gap.as_ref()?;
    let measured = run.speedup?;
    let mut parts = vec![tr!(
        "gap-ideal",
        speedup = units::speedup(gap.ideal_speedup)
    )];
    for step in gap.steps() {
        if step.speedup_change.abs() >= SHOWN {
            parts.push(tr!(
                "gap-part",
                part = part_name(step.part),
                change = signed(step.speedup_change)
            ));
        }
    }
    parts.push(tr!("gap-measured", speedup = units::speedup(measured)));
    Some(parts.join(" · "))
}

/// "the model predicted 1.95×; 1.60× measured is beyond the noise: …", when
/// they disagree and other programs' load does not explain it; `None` when
/// they agree or there is no prediction.
pub fn finding(run: &RunSummary) -> Option<String> {
    let predicted = run.predicted_speedup?;
    let measured = run.speedup?;
    let with_load = run.gap.as_ref()?.predicted_with_load();
    (disagrees(run, predicted) && disagrees(run, with_load)).then(|| {
        tr!(
            "gap-finding",
            predicted = units::speedup(predicted),
            measured = units::speedup(measured)
        )
    })
}

/// A part's name in the language on show.
pub fn part_name(part: GapPart) -> String {
    match part {
        GapPart::Gil => tr!("gap-part-gil"),
        GapPart::Serial => tr!("gap-part-serial"),
        GapPart::Startup => tr!("gap-part-startup"),
        GapPart::PerTaskOverhead => tr!("gap-part-per-task"),
        GapPart::OtherLoad => tr!("gap-part-other-load"),
        GapPart::Unexplained => tr!("gap-part-unexplained"),
    }
}

/// A change with its sign: "−0.07", "+0.02" (a true minus sign).
fn signed(change: f64) -> String {
    let text = number(change.abs(), 2);
    if change < 0.0 {
        format!("\u{2212}{text}")
    } else {
        format!("+{text}")
    }
}
