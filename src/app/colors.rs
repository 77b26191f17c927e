//! The shared palette ([`crate::present::palette`]) in egui's colour type.

use crate::present::palette::Rgb;

/// An egui colour of a palette colour.
pub fn to_color32(rgb: Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}
