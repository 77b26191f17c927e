//! What every chart shares: sizes, fonts, colours, the title block, a legend
//! that flows into rows, text that is shortened to fit, time units and label
//! placement that never overlaps.

use plotters::chart::MeshStyle;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::engine::measure::spans::TaskState;
use crate::engine::results::metrics::ExperimentResult;

/// Default chart width, px.
pub const WIDTH: u32 = 1200;
/// Default chart height, px.
pub const HEIGHT: u32 = 700;

/// The font family every text uses: the embedded DejaVu Sans is registered
/// under this name for measuring and rasterizing, and SVG writes it as a
/// CSS font list, so viewers with DejaVu Sans show the PNG's metrics and
/// others fall back to their sans-serif.
pub const FONT: &str = "DejaVu Sans, sans-serif";

/// Body text.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// Secondary text: subtitles, notes, tick labels of less importance.
pub const MUTED: RGBColor = RGBColor(0x5f, 0x5f, 0x5f);
/// Grid lines.
pub const GRID: RGBColor = RGBColor(0xe4, 0xe4, 0xe4);
/// Axis lines.
pub const AXIS: RGBColor = RGBColor(0x80, 0x80, 0x80);

/// Margin around everything, px.
pub const MARGIN: i32 = 20;
/// Height of one legend row, px.
const LEGEND_ROW: i32 = 24;

/// The axes and grid every chart draws alike; the caller adds what differs
/// (tick counts, formatters, descriptions) and draws.
pub fn house_mesh<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    label_size: u32,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    mesh.label_style(text(label_size, INK))
        .axis_desc_style(text(DESC_SIZE, INK))
        .bold_line_style(GRID)
        .light_line_style(WHITE)
        .axis_style(AXIS)
}

/// Size of tick labels and legend text, px.
pub const LABEL_SIZE: u32 = 15;
/// Size of axis descriptions, px.
pub const DESC_SIZE: u32 = 16;

/// Colours for runs (Tableau 10, its yellow darkened to read on white):
/// the same run has the same colour in every chart.
const RUN_COLORS: [RGBColor; 10] = [
    RGBColor(0x4e, 0x79, 0xa7),
    RGBColor(0xf2, 0x8e, 0x2b),
    RGBColor(0xe1, 0x57, 0x59),
    RGBColor(0x76, 0xb7, 0xb2),
    RGBColor(0x59, 0xa1, 0x4f),
    RGBColor(0xb6, 0x99, 0x2d),
    RGBColor(0xb0, 0x7a, 0xa1),
    RGBColor(0xff, 0x9d, 0xa7),
    RGBColor(0x9c, 0x75, 0x5f),
    RGBColor(0x79, 0x70, 0x6e),
];

/// Colour of the run at `index` in `result.runs`.
pub fn run_color(index: usize) -> RGBColor {
    RUN_COLORS[index % RUN_COLORS.len()]
}

/// Sixteen colours for per-core lines: matplotlib's tab10, then the dark
/// tones of tab20b (light tones do not read as thin lines on white).
const CORE_COLORS: [RGBColor; 16] = [
    RGBColor(0x1f, 0x77, 0xb4),
    RGBColor(0xff, 0x7f, 0x0e),
    RGBColor(0x2c, 0xa0, 0x2c),
    RGBColor(0xd6, 0x27, 0x28),
    RGBColor(0x94, 0x67, 0xbd),
    RGBColor(0x8c, 0x56, 0x4b),
    RGBColor(0xe3, 0x77, 0xc2),
    RGBColor(0x7f, 0x7f, 0x7f),
    RGBColor(0xbc, 0xbd, 0x22),
    RGBColor(0x17, 0xbe, 0xcf),
    RGBColor(0x39, 0x3b, 0x79),
    RGBColor(0x63, 0x79, 0x39),
    RGBColor(0x8c, 0x6d, 0x31),
    RGBColor(0x84, 0x3c, 0x39),
    RGBColor(0x7b, 0x41, 0x73),
    RGBColor(0x31, 0x82, 0xbd),
];

/// Colour of core `index`'s line.
pub fn core_color(index: usize) -> RGBColor {
    CORE_COLORS[index % CORE_COLORS.len()]
}

/// Computing (Okabe–Ito blue): safe for colour-blind readers against the
/// vermillion of waiting for the GIL.
pub const RUNNING: RGBColor = RGBColor(0x00, 0x72, 0xb2);
/// Waiting for the GIL (Okabe–Ito vermillion): the cost the lesson is about.
pub const GIL_WAIT: RGBColor = RGBColor(0xd5, 0x5e, 0x00);
/// Waiting on I/O: grey, the core is free for others meanwhile.
pub const IO_WAIT: RGBColor = RGBColor(0xa6, 0xa6, 0xa6);

/// The colour of a task state, the same in every chart.
pub fn state_color(state: TaskState) -> RGBColor {
    match state {
        TaskState::Running => RUNNING,
        TaskState::GilWait => GIL_WAIT,
        TaskState::IoWait => IO_WAIT,
    }
}

/// What a task state is called in legends.
pub fn state_name(state: TaskState) -> &'static str {
    match state {
        TaskState::Running => "running (computing)",
        TaskState::GilWait => "waiting for the GIL",
        TaskState::IoWait => "waiting on I/O",
    }
}

/// Text of `size` px in `color`.
pub fn text(size: u32, color: RGBColor) -> TextStyle<'static> {
    (FONT, size).into_font().color(&color)
}

/// `style` anchored at `h` and `v`.
pub fn anchored<'a>(style: TextStyle<'a>, h: HPos, v: VPos) -> TextStyle<'a> {
    style.pos(Pos::new(h, v))
}

/// Width of `text` in `style`, px.
pub fn text_width<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
) -> Result<i32, super::DrawError> {
    Ok(area.estimate_text_size(text, style)?.0 as i32)
}

/// `text`, shortened with an ellipsis until it is at most `max_width` px.
pub fn fit<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_width: i32,
) -> Result<String, super::DrawError> {
    if text_width(area, text, style)? <= max_width {
        return Ok(text.to_owned());
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on the number of characters kept.
    let (mut low, mut high) = (0, chars.len());
    while low < high {
        let mid = (low + high).div_ceil(2);
        let candidate: String = chars[..mid].iter().collect::<String>() + "…";
        if text_width(area, &candidate, style)? <= max_width {
            low = mid;
        } else {
            high = mid - 1;
        }
    }
    if low == 0 {
        return Ok(String::new());
    }
    Ok(chars[..low]
        .iter()
        .collect::<String>()
        .trim_end()
        .to_owned()
        + "…")
}

/// Splits `text` at spaces into lines of at most `max_width` px; a word
/// longer than that is kept whole on its own line (the caller checks).
pub fn wrap<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    style: &TextStyle,
    max_width: i32,
) -> Result<Vec<String>, super::DrawError> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        if let Some(last) = lines.last_mut() {
            let joined = format!("{last} {word}");
            if text_width(area, &joined, style)? <= max_width {
                *last = joined;
                continue;
            }
        }
        lines.push(word.to_owned());
    }
    Ok(lines)
}

/// The title ("preset — subject") and a subtitle about the machine, at the
/// top of `root`; returns the area below them.
pub fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
    subject: &str,
    extra: &str,
) -> Result<DrawingArea<DB, Shift>, super::DrawError> {
    let (width, _) = root.dim_in_pixel();
    let max = width as i32 - 2 * MARGIN;
    let title_style = text(26, INK);
    let title = fit(
        root,
        &format!("{} — {subject}", result.preset.name),
        &title_style,
        max,
    )?;
    root.draw_text(
        &title,
        &anchored(title_style, HPos::Left, VPos::Top),
        (MARGIN, 16),
    )?;
    let cores = result.machine.cores;
    let mut about = vec![format!(
        "{cores} logical core{}",
        if cores == 1 { "" } else { "s" }
    )];
    if !result.machine.cpu.trim().is_empty() {
        about.push(result.machine.cpu.trim().to_owned());
    }
    if !result.machine.os.trim().is_empty() {
        about.push(result.machine.os.trim().to_owned());
    }
    if !extra.is_empty() {
        about.push(extra.to_owned());
    }
    if result.cancelled {
        about.push("cancelled: partial results".to_owned());
    }
    let subtitle_style = text(15, MUTED);
    let subtitle = fit(root, &about.join(" · "), &subtitle_style, max)?;
    root.draw_text(
        &subtitle,
        &anchored(subtitle_style, HPos::Left, VPos::Top),
        (MARGIN, 50),
    )?;
    Ok(root.margin(78, 0, 0, 0))
}

/// What a legend entry shows beside its text.
#[derive(Debug, Clone, Copy)]
pub enum Swatch {
    /// A filled box.
    Fill(RGBAColor),
    /// A solid line.
    Line(RGBColor),
    /// A dashed line.
    Dashed(RGBColor),
}

/// One legend entry.
#[derive(Debug, Clone)]
pub struct LegendItem {
    /// The mark.
    pub swatch: Swatch,
    /// Its meaning.
    pub label: String,
}

impl LegendItem {
    /// An entry.
    pub fn new(swatch: Swatch, label: impl Into<String>) -> Self {
        LegendItem {
            swatch,
            label: label.into(),
        }
    }
}

/// Draws `items` left to right from `left` px, wrapping into rows within
/// the area; returns the area below the legend. A legend above the plot
/// never hides data, whatever the data.
pub fn legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    items: &[LegendItem],
    left: i32,
) -> Result<DrawingArea<DB, Shift>, super::DrawError> {
    if items.is_empty() {
        return Ok(area.margin(0, 0, 0, 0));
    }
    let (width, _) = area.dim_in_pixel();
    let right = width as i32 - MARGIN;
    let style = text(LABEL_SIZE, INK);
    let mut x = left;
    let mut y = 4;
    for item in items {
        let label = fit(area, &item.label, &style, right - left - 40)?;
        let item_width = 30 + text_width(area, &label, &style)?;
        if x > left && x + item_width > right {
            x = left;
            y += LEGEND_ROW;
        }
        let mid = y + LEGEND_ROW / 2;
        match item.swatch {
            Swatch::Fill(color) => {
                area.draw(&Rectangle::new(
                    [(x, mid - 7), (x + 22, mid + 7)],
                    color.filled(),
                ))?;
            }
            Swatch::Line(color) => {
                area.draw(&PathElement::new(
                    vec![(x, mid), (x + 22, mid)],
                    color.stroke_width(3),
                ))?;
            }
            Swatch::Dashed(color) => {
                for dash in 0..3 {
                    let x0 = x + dash * 9;
                    area.draw(&PathElement::new(
                        vec![(x0, mid), (x0 + 5, mid)],
                        color.stroke_width(2),
                    ))?;
                }
            }
        }
        area.draw_text(
            &label,
            &anchored(style.clone(), HPos::Left, VPos::Center),
            (x + 30, mid),
        )?;
        x += item_width + 24;
    }
    Ok(area.margin(y + LEGEND_ROW + 6, 0, 0, 0))
}

/// A unit for times on an axis: milliseconds for short spans, seconds for
/// long ones, so tick labels stay short and round.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimeUnit {
    /// Milliseconds.
    Ms,
    /// Seconds.
    S,
}

impl TimeUnit {
    /// Milliseconds below 2 s, else seconds.
    pub fn for_span(span_s: f64) -> TimeUnit {
        if span_s < 2.0 {
            TimeUnit::Ms
        } else {
            TimeUnit::S
        }
    }

    /// Seconds → this unit.
    pub fn scale(self) -> f64 {
        match self {
            TimeUnit::Ms => 1000.0,
            TimeUnit::S => 1.0,
        }
    }

    /// Its symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            TimeUnit::Ms => "ms",
            TimeUnit::S => "s",
        }
    }
}

/// A tick label for `value` on an axis spanning `span`: as many decimals as
/// the tick spacing needs, no more.
pub fn tick(value: f64, span: f64) -> String {
    let decimals = if span >= 20.0 {
        0
    } else if span >= 2.0 {
        1
    } else if span >= 0.2 {
        2
    } else {
        3
    };
    let text = format!("{value:.decimals$}");
    // Trailing zeros of a round tick ("1.50" → "1.5", "2.0" → "2").
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    }
}

/// What a chart says when there is no run to draw.
pub fn no_runs(result: &ExperimentResult) -> &'static str {
    if result.cancelled {
        "cancelled before any run finished"
    } else {
        "no runs in this result"
    }
}

/// A duration with three significant digits in a fitting unit: "850 µs",
/// "1.24 ms", "12.3 ms", "205 ms", "1.50 s".
pub fn duration(seconds: f64) -> String {
    let (value, unit) = if seconds >= 1.0 {
        (seconds, "s")
    } else if seconds >= 1e-3 {
        (seconds * 1e3, "ms")
    } else {
        (seconds * 1e6, "µs")
    };
    let decimals = if value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    format!("{value:.decimals$} {unit}")
}

/// A label to place above a stretch `[x0, x1]` of px.
#[derive(Debug, Clone)]
pub struct Tag {
    /// Left end of the stretch, px.
    pub x0: i32,
    /// Right end, px.
    pub x1: i32,
    /// The text.
    pub text: String,
    /// Its colour.
    pub color: RGBColor,
}

/// A tag with its row and its (possibly shortened) text.
#[derive(Debug, Clone)]
pub struct PlacedTag {
    /// The tag.
    pub tag: Tag,
    /// 0 = the row nearest the plot.
    pub row: usize,
    /// Left of the text, px.
    pub left: i32,
    /// The text as drawn.
    pub text: String,
}

/// Places tags in up to `max_rows` rows so that no two overlap: each goes
/// in the first row where it fits centred on its stretch (shifted to stay
/// within `[min_x, max_x]`); a tag that fits nowhere is shortened to its
/// stretch's width, and dropped if even that does not fit.
pub fn place_tags<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    tags: &[Tag],
    style: &TextStyle,
    (min_x, max_x): (i32, i32),
    max_rows: usize,
) -> Result<Vec<PlacedTag>, super::DrawError> {
    const GAP: i32 = 10;
    let mut order: Vec<&Tag> = tags.iter().collect();
    order.sort_by_key(|t| t.x0);
    let mut row_end = vec![i32::MIN; max_rows.max(1)];
    let mut placed = Vec::new();
    for tag in order {
        let mut attempt = |text: String| -> Result<bool, super::DrawError> {
            let width = text_width(area, &text, style)?;
            let centre = (tag.x0 + tag.x1) / 2;
            let left = (centre - width / 2).min(max_x - width).max(min_x);
            for (row, end) in row_end.iter_mut().enumerate() {
                if left >= end.saturating_add(GAP) {
                    *end = left + width;
                    placed.push(PlacedTag {
                        tag: tag.clone(),
                        row,
                        left,
                        text,
                    });
                    return Ok(true);
                }
            }
            Ok(false)
        };
        if attempt(tag.text.clone())? {
            continue;
        }
        let room = (tag.x1 - tag.x0).max(30);
        let short = fit(area, &tag.text, style, room)?;
        if !short.is_empty() {
            attempt(short)?;
        }
    }
    Ok(placed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_keep_three_digits() {
        assert_eq!(duration(0.000_85), "850 µs");
        assert_eq!(duration(0.001_24), "1.24 ms");
        assert_eq!(duration(0.012_34), "12.3 ms");
        assert_eq!(duration(0.205), "205 ms");
        assert_eq!(duration(1.5), "1.50 s");
    }

    #[test]
    fn ticks_drop_needless_decimals() {
        assert_eq!(tick(1.5, 3.0), "1.5");
        assert_eq!(tick(2.0, 3.0), "2");
        assert_eq!(tick(120.0, 200.0), "120");
        assert_eq!(tick(0.25, 1.0), "0.25");
    }
}
