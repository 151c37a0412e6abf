//! Pure formatting of values for display: sizes, dates, and text in lowercase.

use chrono::{DateTime, Datelike, FixedOffset, Local, Timelike};

/// Bytes in binary units, as both consoles show them ("8 GiB", "1.5 MiB"): one decimal, none
/// where it would be 0. Worked out in whole numbers (no float formatting in the wasm for it).
pub fn bytes(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut unit = 0;
    while unit < UNITS.len() - 1 && n >> (10 * (unit + 1)) > 0 {
        unit += 1;
    }
    // Tenths of the unit, rounded half up.
    let per = 1u128 << (10 * unit);
    let tenths = (u128::from(n) * 10 + per / 2) / per;
    if tenths.is_multiple_of(10) {
        format!("{} {}", tenths / 10, UNITS[unit])
    } else {
        format!("{}.{} {}", tenths / 10, tenths % 10, UNITS[unit])
    }
}

/// A date in the viewer's local time, minutes precision: "2026-11-21 14:05".
pub fn local_datetime(d: &DateTime<FixedOffset>) -> String {
    // Written out rather than by `format`: its pattern reader is then not in the first page.
    let l = d.with_timezone(&Local);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        l.year(),
        l.month(),
        l.day(),
        l.hour(),
        l.minute()
    )
}

/// The full instant, for a tooltip: RFC 3339 in UTC.
pub fn instant(d: &DateTime<FixedOffset>) -> String {
    d.to_utc()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// `text` in lowercase, letter by letter (`char::to_lowercase`), for comparing what people type
/// or read. `str::to_lowercase` would say the same but for a Greek final sigma, and its own code
/// is 4 KB of the first page's wasm beside the tables both use.
pub fn lowercase(text: &str) -> String {
    text.chars().flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_is_letter_by_letter() {
        assert_eq!(lowercase("Nightly Backup"), "nightly backup");
        assert_eq!(lowercase("ÉTÉ İ Straße"), "été i̇ straße");
        assert_eq!(lowercase("ΣΟΦΟΣ"), "σοφοσ");
        assert_eq!(lowercase(""), "");
    }

    #[test]
    fn bytes_use_binary_units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(1023), "1023 B");
        assert_eq!(bytes(1024), "1 KiB");
        assert_eq!(bytes(8_589_934_592), "8 GiB");
        assert_eq!(bytes(1_572_864), "1.5 MiB");
        assert_eq!(bytes(97_296_384), "92.8 MiB");
        // 1.97 GiB rounds to 2, not "2.0"; 1023.96 KiB stays in KiB.
        assert_eq!(bytes(2_115_223_552), "2 GiB");
        assert_eq!(bytes(1_048_535), "1024 KiB");
        assert_eq!(bytes(u64::MAX), "16384 PiB");
    }

    #[test]
    fn instants_are_utc_whatever_the_offset() {
        let d = DateTime::parse_from_rfc3339("2020-02-19T12:43:44.755+01:00").unwrap();
        assert_eq!(instant(&d), "2020-02-19T11:43:44Z");
    }
}
