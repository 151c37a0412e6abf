//! Pure formatting of values for display: sizes and dates.

use chrono::{DateTime, FixedOffset, Local};

/// Bytes in binary units, as both consoles show them ("8 GiB", "1.5 MiB").
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 || (value.fract() < 0.05 || value.fract() > 0.95) {
        format!("{:.0} {}", value, UNITS[unit])
    } else {
        format!("{:.1} {}", value, UNITS[unit])
    }
}

/// A date in the viewer's local time, minutes precision: "2026-11-21 14:05".
pub fn local_datetime(d: &DateTime<FixedOffset>) -> String {
    d.with_timezone(&Local).format("%Y-%m-%d %H:%M").to_string()
}

/// The full instant, for a tooltip: RFC 3339 in UTC.
pub fn instant(d: &DateTime<FixedOffset>) -> String {
    d.to_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_use_binary_units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1 KiB");
        assert_eq!(bytes(8_589_934_592), "8 GiB");
        assert_eq!(bytes(1_572_864), "1.5 MiB");
        assert_eq!(bytes(97_296_384), "92.8 MiB");
    }

    #[test]
    fn instants_are_utc_whatever_the_offset() {
        let d = DateTime::parse_from_rfc3339("2020-02-19T12:43:44.755+01:00").unwrap();
        assert_eq!(instant(&d), "2020-02-19T11:43:44Z");
    }
}
