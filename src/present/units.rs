//! Figures as people read them: a fitting unit, few digits, the decimal
//! separator of the language on show. The CLI table, the window and the
//! charts all format through here, so a figure reads the same everywhere.

use crate::i18n::number;
use crate::tr;

/// Shown where a figure does not exist (not measured, not applicable).
pub const NONE: &str = "—";

/// A duration in seconds with a fitting unit: 12.3 s, 1.23 s, 200.9 ms, 478 µs.
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return NONE.to_owned();
    }
    let magnitude = seconds.abs();
    if magnitude >= 10.0 {
        tr!("unit-seconds", value = number(seconds, 1))
    } else if magnitude >= 1.0 {
        tr!("unit-seconds", value = number(seconds, 2))
    } else if magnitude >= 0.001 {
        tr!("unit-milliseconds", value = number(seconds * 1e3, 1))
    } else {
        tr!("unit-microseconds", value = number(seconds * 1e6, 0))
    }
}

/// A duration given in milliseconds.
pub fn duration_ms(ms: f64) -> String {
    duration(ms / 1000.0)
}

/// An optional duration; [`NONE`] when absent.
pub fn maybe_duration(seconds: Option<f64>) -> String {
    seconds.map_or_else(|| NONE.to_owned(), duration)
}

/// A speed-up factor: 1.92×.
pub fn speedup(factor: f64) -> String {
    if factor.is_finite() {
        format!("{}×", number(factor, 2))
    } else {
        NONE.to_owned()
    }
}

/// A fraction as a whole percentage: 0.953 → 95 %.
pub fn percent(fraction: f64) -> String {
    if fraction.is_finite() {
        format!("{} %", number(fraction * 100.0, 0))
    } else {
        NONE.to_owned()
    }
}

/// A rate per second: 38/s.
pub fn per_second(rate: f64) -> String {
    if rate.is_finite() {
        tr!("unit-per-second", value = number(rate, 0))
    } else {
        NONE.to_owned()
    }
}

/// A byte count in binary units: 1.00 MiB.
pub fn bytes(count: u64) -> String {
    let value = count as f64;
    if value >= (1u64 << 30) as f64 {
        tr!("unit-gib", value = number(value / (1u64 << 30) as f64, 2))
    } else if value >= (1u64 << 20) as f64 {
        tr!("unit-mib", value = number(value / (1u64 << 20) as f64, 2))
    } else if value >= 1024.0 {
        tr!("unit-kib", value = number(value / 1024.0, 1))
    } else {
        tr!("unit-bytes", value = count.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Language, set_thread_language};

    #[test]
    fn durations_pick_a_fitting_unit_in_each_language() {
        set_thread_language(Some(Language::En));
        assert_eq!(duration(12.34), "12.3 s");
        assert_eq!(duration(1.234), "1.23 s");
        assert_eq!(duration(0.2009), "200.9 ms");
        assert_eq!(duration(0.000_478), "478 µs");
        assert_eq!(duration(f64::NAN), NONE);
        assert_eq!(speedup(1.923), "1.92×");
        set_thread_language(Some(Language::Ru));
        assert_eq!(duration(1.234), "1,23 с");
        assert_eq!(duration(0.2009), "200,9 мс");
        assert_eq!(duration(0.000_478), "478 мкс");
        assert_eq!(speedup(1.923), "1,92×");
        assert_eq!(per_second(38.2), "38/с");
        set_thread_language(None);
    }

    #[test]
    fn bytes_use_binary_units() {
        set_thread_language(Some(Language::En));
        assert_eq!(bytes(512), "512 B");
        assert_eq!(bytes(1 << 20), "1.00 MiB");
        set_thread_language(None);
    }
}
