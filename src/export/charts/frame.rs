//! What every chart shares: sizes, fonts, colours, the title block, a legend
//! that flows into rows, text that is shortened to fit, time units and label
//! placement that never overlaps.

use crate::present::palette::{self, Rgb};
use crate::tr;
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

/// The shared palette colour in plotters' type.
pub fn rgb(color: Rgb) -> RGBColor {
    RGBColor(color.0, color.1, color.2)
}

/// Colour of the run at `index` in `result.runs`: the window's too.
pub fn run_color(index: usize) -> RGBColor {
    rgb(palette::run(index))
}

/// Colour of core `index`'s line: the window's too.
pub fn core_color(index: usize) -> RGBColor {
    rgb(palette::core(index))
}

/// The colour of a task state, the same in every chart and the window.
pub fn state_color(state: TaskState) -> RGBColor {
    rgb(palette::state(state))
}

/// What a task state is called in legends.
pub fn state_name(state: TaskState) -> String {
    match state {
        TaskState::Running => tr!("state-running"),
        TaskState::GilWait => tr!("state-gil-wait"),
        TaskState::IoWait => tr!("state-io-wait"),
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
    let mut about = vec![tr!("chart-cores", cores = cores)];
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
        about.push(tr!("chart-cancelled"));
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

    /// Its symbol, in the language on show.
    pub fn symbol(self) -> String {
        match self {
            TimeUnit::Ms => tr!("unit-ms-short"),
            TimeUnit::S => tr!("unit-s-short"),
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
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    match crate::i18n::current() {
        crate::i18n::Language::Ru => text.replace('.', ","),
        crate::i18n::Language::En => text,
    }
}

/// What a chart says when there is no run to draw.
pub fn no_runs(result: &ExperimentResult) -> String {
    if result.cancelled {
        tr!("chart-cancelled-before-any")
    } else {
        tr!("chart-no-runs")
    }
}

/// A duration as every view writes it (see [`crate::present::units`]).
pub fn duration(seconds: f64) -> String {
    crate::present::units::duration(seconds)
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
    fn ticks_drop_needless_decimals() {
        assert_eq!(tick(1.5, 3.0), "1.5");
        assert_eq!(tick(2.0, 3.0), "2");
        assert_eq!(tick(120.0, 200.0), "120");
        assert_eq!(tick(0.25, 1.0), "0.25");
    }
}
