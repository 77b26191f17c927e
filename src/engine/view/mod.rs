//! Toolkit-free data for drawing: the live state of an experiment, timeline
//! lanes and bars, and chart series. The window and the exported charts both
//! read these, so they draw the same thing.

pub mod gil;
pub mod live;
pub mod series;
pub mod sweep;
pub mod timeline;
