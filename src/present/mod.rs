//! One source for what the window, the exported charts, the CLI table and
//! CSV all show: colours, units and number formats, and the results columns
//! with their help text. Toolkit-free: the window converts colours to egui's,
//! the charts to plotters'.

pub mod columns;
pub mod palette;
pub mod sweep_words;
pub mod units;
