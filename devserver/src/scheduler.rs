//! The development backend's scheduler: when a cron-like rule runs next, in a time zone. Its
//! own implementation, held to the same cases as the app's (`testdata/schedule-cases.json`).
//! A day of the month past a month's end means its last day; a local time skipped by a
//! daylight-saving change runs at the first minute after; a repeated one runs once, first.

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

/// A rule as bit sets.
#[derive(Clone, Debug)]
pub struct Cron {
    minute: u64,
    hour: u32,
    day: u32,
    month: u16,
    weekday: u8,
    day_star: bool,
    weekday_star: bool,
}

fn bits(field: &str, lo: u32, hi: u32) -> Result<(u64, bool), String> {
    let mut set = 0u64;
    for item in field.split(',') {
        let (span, step) = item.split_once('/').map_or((item, "1"), |(a, b)| (a, b));
        let step: u32 = step.parse().map_err(|_| format!("bad step in {field}"))?;
        if step == 0 {
            return Err(format!("zero step in {field}"));
        }
        let (a, b) = match span {
            "*" => (lo, hi),
            s => match s.split_once('-') {
                Some((a, b)) => (
                    a.parse().map_err(|_| format!("bad {field}"))?,
                    b.parse().map_err(|_| format!("bad {field}"))?,
                ),
                None => {
                    let n: u32 = s.parse().map_err(|_| format!("bad {field}"))?;
                    (n, if item.contains('/') { hi } else { n })
                }
            },
        };
        if a < lo || b > hi.max(if hi == 6 { 7 } else { hi }) || a > b {
            return Err(format!("{field} out of range"));
        }
        let mut v = a;
        while v <= b {
            set |= 1 << v;
            v += step;
        }
    }
    Ok((set, field == "*"))
}

impl Cron {
    pub fn parse(text: &str) -> Result<Cron, String> {
        let f: Vec<&str> = text.split_whitespace().collect();
        if f.len() != 5 {
            return Err("a rule has five fields".into());
        }
        let (minute, _) = bits(f[0], 0, 59)?;
        let (hour, _) = bits(f[1], 0, 23)?;
        let (day, day_star) = bits(f[2], 1, 31)?;
        let (month, _) = bits(f[3], 1, 12)?;
        let (mut weekday, weekday_star) = bits(f[4], 0, 6)?;
        if weekday & (1 << 7) != 0 {
            weekday |= 1; // 7 is Sunday too
        }
        Ok(Cron {
            minute,
            hour: hour as u32,
            day: day as u32,
            month: month as u16,
            weekday: weekday as u8,
            day_star,
            weekday_star,
        })
    }

    fn on(&self, d: NaiveDate) -> bool {
        if self.month & (1 << d.month()) == 0 {
            return false;
        }
        let month_end = (28..=31)
            .rev()
            .find(|&n| NaiveDate::from_ymd_opt(d.year(), d.month(), n).is_some())
            .unwrap_or(28);
        // Days named past the month's end fall on its last day.
        let day_hit = self.day & (1 << d.day()) != 0
            || (d.day() == month_end && self.day.checked_shr(month_end + 1).unwrap_or(0) != 0);
        let weekday_hit = self.weekday & (1 << d.weekday().num_days_from_sunday()) != 0;
        match (self.day_star, self.weekday_star) {
            (true, true) => true,
            (false, true) => day_hit,
            (true, false) => weekday_hit,
            (false, false) => day_hit || weekday_hit,
        }
    }
}

fn resolve(tz: Tz, date: NaiveDate, hour: u32, minute: u32) -> Option<DateTime<Utc>> {
    let mut local = date.and_hms_opt(hour, minute, 0)?;
    loop {
        match tz.from_local_datetime(&local) {
            LocalResult::Single(t) => return Some(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => return Some(first.with_timezone(&Utc)),
            LocalResult::None => local += Duration::minutes(1),
        }
    }
}

/// The next run strictly after `after` (and not before `start`); a schedule with no rule runs
/// once, at `start`.
pub fn next(
    cron: Option<&Cron>,
    tz: Tz,
    start: DateTime<Utc>,
    after: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let Some(cron) = cron else {
        return if start > after { Some(start) } else { None };
    };
    let mut date = after.with_timezone(&tz).date_naive().pred_opt()?;
    let stop = date + Duration::days(366 * 8);
    while date < stop {
        if cron.on(date) {
            for hour in (0..24).filter(|h| cron.hour & (1 << h) != 0) {
                for minute in (0..60).filter(|m| cron.minute & (1 << m) != 0) {
                    if let Some(t) = resolve(tz, date, hour, minute) {
                        if t > after && t >= start {
                            return Some(t);
                        }
                    }
                }
            }
        }
        date = date.succ_opt()?;
    }
    None
}
