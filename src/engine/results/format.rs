//! Human-readable figures, shared by the CLI table and the app.

/// A duration in seconds as a short string with a fitting unit.
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "—".to_owned();
    }
    if seconds >= 10.0 {
        format!("{seconds:.1} s")
    } else if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else if seconds >= 0.001 {
        format!("{:.1} ms", seconds * 1e3)
    } else {
        format!("{:.0} µs", seconds * 1e6)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn durations_pick_a_fitting_unit() {
        assert_eq!(super::duration(12.34), "12.3 s");
        assert_eq!(super::duration(1.234), "1.23 s");
        assert_eq!(super::duration(0.2009), "200.9 ms");
        assert_eq!(super::duration(0.000_478), "478 µs");
        assert_eq!(super::duration(f64::NAN), "—");
    }
}
