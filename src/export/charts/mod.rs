//! Charts of a result, drawn headless with plotters and written as SVG or
//! PNG (the file's extension says which).
//!
//! Each chart kind has one drawing function, generic over the plotters
//! backend, so the SVG and the PNG are the same picture. Both are rendered in
//! memory (SVG into a `String`, PNG into an RGB buffer encoded here) and only
//! then written with [`write_atomic`], so a failed export never leaves a
//! half-written file behind.
//!
//! Text needs a font: plotters' `ab_glyph` backend draws nothing without one
//! (silently), so DejaVu Sans is embedded and registered once, before the
//! first chart.

mod cpu;
mod frame;
mod speedup;
mod sweep;
mod throughput;
mod timeline;

use std::fmt;
use std::io::Write;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;

use super::{ExportError, write_atomic};
use crate::engine::results::metrics::ExperimentResult;
use crate::tr;
/// What a task state is called: the charts' legends and the trace's events say the same.
pub(crate) use frame::state_name;

/// What a chart shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum ChartKind {
    /// One bar per run: how many times faster than the baseline, against 1×
    /// and the ideal (one per logical core).
    Speedup,
    /// Load of each logical core over the experiment, with each run's
    /// measured repetitions shaded.
    Cpu,
    /// Tasks finished per second over each run's last repetition.
    Throughput,
    /// Which worker ran which task when, and what each task was doing
    /// (computing, waiting for the GIL, waiting on I/O), one panel per run.
    Timeline,
    /// A sweep: each run's speed-up against the swept value, with the
    /// fitted scaling law, 1× and the ideal.
    Sweep,
}

impl ChartKind {
    /// Every kind, in the order menus and help list them.
    pub const ALL: [ChartKind; 5] = [
        ChartKind::Speedup,
        ChartKind::Cpu,
        ChartKind::Throughput,
        ChartKind::Timeline,
        ChartKind::Sweep,
    ];

    /// The lowercase name the command line takes and default file names use.
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Speedup => "speedup",
            ChartKind::Cpu => "cpu",
            ChartKind::Throughput => "throughput",
            ChartKind::Timeline => "timeline",
            ChartKind::Sweep => "sweep",
        }
    }

    /// What the chart shows, for its title and for menus.
    pub fn subject(self) -> String {
        match self {
            ChartKind::Speedup => tr!("chart-subject-speedup"),
            ChartKind::Cpu => tr!("chart-subject-cpu"),
            ChartKind::Throughput => tr!("chart-subject-throughput"),
            ChartKind::Timeline => tr!("chart-subject-timeline"),
            ChartKind::Sweep => tr!("chart-subject-sweep"),
        }
    }

    /// The kind a file name asks for, e.g. `cpu.png` or `results-timeline.svg`:
    /// the last word of the stem (split at anything but letters and digits)
    /// that names a kind, ignoring case.
    pub fn from_file_name(path: &Path) -> Option<ChartKind> {
        let stem = path.file_stem()?.to_str()?;
        stem.split(|c: char| !c.is_ascii_alphanumeric())
            .rev()
            .find_map(|word| word.parse().ok())
    }
}

impl fmt::Display for ChartKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A chart kind name that is not one of [`ChartKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownChartKind(pub String);

impl std::fmt::Display for UnknownChartKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&tr!("chart-unknown-kind", kind = self.0.clone()))
    }
}

impl std::error::Error for UnknownChartKind {}

impl FromStr for ChartKind {
    type Err = UnknownChartKind;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ChartKind::ALL
            .into_iter()
            .find(|kind| kind.name().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| UnknownChartKind(text.to_owned()))
    }
}

/// The file formats a chart can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartFormat {
    /// Scalable vector graphics: for papers and slides, text stays text.
    Svg,
    /// A 24-bit PNG image: for chats, issues and anything that shows pictures.
    Png,
}

impl ChartFormat {
    /// The extensions [`ChartFormat::from_path`] accepts, for messages.
    pub const ALLOWED: &'static str = ".svg or .png";

    /// The format a file name asks for by its extension (case-insensitive);
    /// anything else is an error that names the path and the allowed
    /// extensions, so a typo is caught before a long run, not after.
    pub fn from_path(path: &Path) -> Result<ChartFormat, ExportError> {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("svg") => Ok(ChartFormat::Svg),
            Some("png") => Ok(ChartFormat::Png),
            _ => Err(ExportError::UnsupportedFormat {
                path: path.display().to_string(),
                allowed: ChartFormat::ALLOWED,
            }),
        }
    }

    /// The usual extension, without a dot.
    pub fn extension(self) -> &'static str {
        match self {
            ChartFormat::Svg => "svg",
            ChartFormat::Png => "png",
        }
    }
}

/// Draws `kind` for `result` and writes it to `path` atomically, as SVG or
/// PNG according to the extension. Errors name the path.
pub fn export_chart(
    result: &ExperimentResult,
    kind: ChartKind,
    path: &Path,
) -> Result<(), ExportError> {
    let format = ChartFormat::from_path(path)?;
    let draw_error = |error: DrawError| ExportError::Draw {
        path: path.display().to_string(),
        reason: error.0,
    };
    register_font().map_err(draw_error)?;
    let size = chart_size(result, kind);
    match format {
        ChartFormat::Svg => {
            let svg = render_svg(result, kind, size).map_err(draw_error)?;
            write_atomic(path, |out| out.write_all(svg.as_bytes()))
        }
        ChartFormat::Png => {
            let rgb = render_rgb(result, kind, size).map_err(draw_error)?;
            write_atomic(path, |out| encode_png(out, &rgb, size))
        }
    }
}

/// Why drawing failed: plotters' error, as text (its error types are
/// generic over the backend).
#[derive(Debug)]
struct DrawError(String);

impl<E: std::error::Error + Send + Sync> From<DrawingAreaErrorKind<E>> for DrawError {
    fn from(error: DrawingAreaErrorKind<E>) -> Self {
        DrawError(error.to_string())
    }
}

type Drawn = Result<(), DrawError>;

/// DejaVu Sans (see `assets/fonts/DejaVu-LICENSE.txt`): freely
/// redistributable, and covers the `×`, `—` and `…` the charts use.
const FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");

/// Registers the embedded font under the name the charts use, once per
/// process (later calls return the first outcome).
fn register_font() -> Drawn {
    static REGISTERED: OnceLock<bool> = OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(frame::FONT, FontStyle::Normal, FONT_BYTES).is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(DrawError(tr!("chart-font-failed")))
    }
}

/// Pixel size of a chart: 1200 × 700, taller for a timeline with many
/// lanes or a heat map of many cores.
fn chart_size(result: &ExperimentResult, kind: ChartKind) -> (u32, u32) {
    match kind {
        ChartKind::Timeline => (frame::WIDTH, timeline::height(result)),
        ChartKind::Cpu => (frame::WIDTH, cpu::height(result)),
        ChartKind::Speedup | ChartKind::Throughput | ChartKind::Sweep => {
            (frame::WIDTH, frame::HEIGHT)
        }
    }
}

/// The one drawing function per kind, for any backend.
fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    result: &ExperimentResult,
    kind: ChartKind,
) -> Drawn {
    root.fill(&WHITE)?;
    match kind {
        ChartKind::Speedup => speedup::draw(root, result),
        ChartKind::Cpu => cpu::draw(root, result),
        ChartKind::Throughput => throughput::draw(root, result),
        ChartKind::Timeline => timeline::draw(root, result),
        ChartKind::Sweep => sweep::draw(root, result),
    }?;
    root.present()?;
    Ok(())
}

fn render_svg(
    result: &ExperimentResult,
    kind: ChartKind,
    size: (u32, u32),
) -> Result<String, DrawError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        draw(&root, result, kind)?;
    }
    Ok(svg)
}

fn render_rgb(
    result: &ExperimentResult,
    kind: ChartKind,
    size: (u32, u32),
) -> Result<Vec<u8>, DrawError> {
    let mut rgb = vec![0u8; size.0 as usize * size.1 as usize * 3];
    {
        let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
        draw(&root, result, kind)?;
    }
    Ok(rgb)
}

fn encode_png(out: &mut dyn Write, rgb: &[u8], (width, height): (u32, u32)) -> std::io::Result<()> {
    let mut encoder = png::Encoder::new(out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(std::io::Error::other)?;
    writer
        .write_image_data(rgb)
        .map_err(std::io::Error::other)?;
    writer.finish().map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_parse_by_name_ignoring_case() {
        for kind in ChartKind::ALL {
            assert_eq!(kind.name().parse::<ChartKind>(), Ok(kind));
            assert_eq!(kind.to_string(), kind.name());
        }
        assert_eq!("CPU".parse::<ChartKind>(), Ok(ChartKind::Cpu));
        let error = "pie".parse::<ChartKind>().expect_err("unknown");
        assert!(
            error
                .to_string()
                .contains("speedup, cpu, throughput, timeline, sweep")
        );
    }

    #[test]
    fn kinds_come_from_the_file_stem() {
        let kind = |name: &str| ChartKind::from_file_name(Path::new(name));
        assert_eq!(kind("cpu.png"), Some(ChartKind::Cpu));
        assert_eq!(kind("out/results-Timeline.svg"), Some(ChartKind::Timeline));
        assert_eq!(
            kind("cpu-bound_throughput.svg"),
            Some(ChartKind::Throughput)
        );
        assert_eq!(kind("results.svg"), None);
        assert_eq!(kind("speedups.png"), None);
    }

    #[test]
    fn the_extension_chooses_the_format() {
        let format = |name: &str| ChartFormat::from_path(Path::new(name));
        assert_eq!(format("a.svg").expect("svg"), ChartFormat::Svg);
        assert_eq!(format("a.PNG").expect("png"), ChartFormat::Png);
        for bad in ["a.jpg", "a", "svg", "a.svg.gz"] {
            let error = format(bad).expect_err("rejected").to_string();
            assert!(
                error.contains(bad) && error.contains(".svg or .png"),
                "{error}"
            );
        }
    }
}
