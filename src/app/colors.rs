//! The shared palette ([`crate::present::palette`]) in egui's colour type.

use crate::present::palette::Rgb;

/// An egui colour of a palette colour.
pub fn to_color32(rgb: Rgb) -> egui::Color32 {
    egui::Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// Text that says "as expected": the palette's ideal green, lightened on a
/// dark background so it stays readable.
pub fn good(visuals: &egui::Visuals) -> egui::Color32 {
    let green = to_color32(crate::present::palette::IDEAL);
    if visuals.dark_mode {
        green.lerp_to_gamma(egui::Color32::WHITE, 0.35)
    } else {
        green
    }
}
