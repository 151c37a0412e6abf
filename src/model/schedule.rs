//! Scheduled snapshots: the repeat rule, its cron-like form, and when it runs next.
//!
//! A rule is five cron fields, `minute hour day-of-month month day-of-week`, with `*`, lists
//! (`1,15`), ranges (`1-5`) and steps (`*/2`), read in a named time zone. One deviation from cron,
//! so that "monthly on day 31" means what people mean: a day of the month beyond a month's
//! length falls on that month's last day. Local times that a daylight-saving change skips run
//! at the first minute after the gap; times it repeats run once, at the first occurrence.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Timelike, Utc,
    Weekday,
};

use super::request::DiskChoice;

/// How a schedule repeats, as the modal offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repeat {
    /// Once, at the start time.
    None,
    Daily,
    /// On the start date's weekday.
    Weekly,
    /// On the start date's day of the month (the last day in shorter months).
    Monthly,
    /// Any other rule, in its cron-like form.
    Custom(String),
}

/// A snapshot schedule of a VM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub id: String,
    pub name: String,
    pub description: String,
    pub vm_id: String,
    /// The first run.
    pub start: DateTime<Utc>,
    /// The cron-like rule; `None` runs once.
    pub rule: Option<String>,
    /// The IANA time zone the rule is read in ("Europe/Prague").
    pub time_zone: String,
    /// How many of its snapshots to keep (1 to 100).
    pub keep: u32,
    pub paused: bool,
    pub memory: bool,
    pub disks: DiskChoice,
    /// As the backend reports them.
    pub next_run: Option<DateTime<Utc>>,
    pub last_run: Option<DateTime<Utc>>,
    /// The snapshots it made that are kept, oldest first.
    pub produced: Vec<String>,
    /// Those of them kept forever ("Keep forever"): never pruned, not counted against `keep`.
    pub pinned: Vec<String>,
}

/// The rule for `repeat` with a first run at local time `first`.
pub fn rule_for(repeat: &Repeat, first: NaiveDateTime) -> Option<String> {
    let (m, h) = (first.minute(), first.hour());
    match repeat {
        Repeat::None => None,
        Repeat::Daily => Some(format!("{m} {h} * * *")),
        Repeat::Weekly => Some(format!(
            "{m} {h} * * {}",
            first.weekday().num_days_from_sunday()
        )),
        Repeat::Monthly => Some(format!("{m} {h} {} * *", first.day())),
        Repeat::Custom(rule) => Some(rule.clone()),
    }
}

/// What kind of repeat `rule` is for a first run at local time `first` (for editing).
pub fn repeat_of(rule: Option<&str>, first: NaiveDateTime) -> Repeat {
    let Some(rule) = rule else {
        return Repeat::None;
    };
    [Repeat::Daily, Repeat::Weekly, Repeat::Monthly]
        .into_iter()
        .find(|r| rule_for(r, first).as_deref() == Some(rule.trim()))
        .unwrap_or_else(|| Repeat::Custom(rule.trim().to_string()))
}

/// The label of a repeat for a first run on `first`: "Weekly on Friday", "Monthly on day 31".
pub fn repeat_label(repeat: &Repeat, first: NaiveDate) -> String {
    match repeat {
        Repeat::None => "None".into(),
        Repeat::Daily => "Daily".into(),
        Repeat::Weekly => format!("Weekly on {}", weekday_name(first.weekday())),
        Repeat::Monthly => format!("Monthly on day {}", first.day()),
        Repeat::Custom(rule) => format!("Custom ({rule})"),
    }
}

/// The label of a rule read from the rule itself, so it holds in the schedule's own time zone:
/// "Daily", "Weekly on Friday", "Monthly on day 31", "Once", or "Custom (…)".
pub fn rule_label(rule: Option<&str>) -> String {
    let Some(rule) = rule else {
        return "Once".into();
    };
    let f: Vec<&str> = rule.split_whitespace().collect();
    let single = |s: &str| s.parse::<u32>().is_ok();
    let weekday = |d: u32| match d % 7 {
        0 => Weekday::Sun,
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        _ => Weekday::Sat,
    };
    match f[..] {
        [m, h, "*", "*", "*"] if single(m) && single(h) => "Daily".into(),
        [m, h, "*", "*", d] if single(m) && single(h) && single(d) => {
            format!(
                "Weekly on {}",
                weekday_name(weekday(d.parse().unwrap_or(0)))
            )
        }
        [m, h, dom, "*", "*"] if single(m) && single(h) && single(dom) => {
            format!("Monthly on day {dom}")
        }
        _ => format!("Custom ({rule})"),
    }
}

pub fn weekday_name(d: Weekday) -> &'static str {
    match d {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

/// The Repeat select's options for a first run on `date`: None, Daily, "Weekly on <weekday>",
/// "Monthly on day <N>", and Custom when a custom rule is in use.
pub fn repeat_options(date: NaiveDate, custom: Option<&str>) -> Vec<(Repeat, String)> {
    let mut out: Vec<(Repeat, String)> =
        [Repeat::None, Repeat::Daily, Repeat::Weekly, Repeat::Monthly]
            .into_iter()
            .map(|r| {
                let label = repeat_label(&r, date);
                (r, label)
            })
            .collect();
    if let Some(rule) = custom {
        let r = Repeat::Custom(rule.to_string());
        let label = repeat_label(&r, date);
        out.push((r, label));
    }
    out
}

/// The default first run: the next full hour after `now`.
pub fn next_full_hour(now: NaiveDateTime) -> NaiveDateTime {
    let hour = now.date().and_hms_opt(now.hour(), 0, 0).unwrap_or(now);
    hour + Duration::hours(1)
}

/// When a schedule will run, in words, for the modal: "First run: Fri 27 Nov 2026, 02:00. Then:
/// Fri 4 Dec 2026, 02:00." Times are local to `tz` (the viewer's).
pub fn runs_in_words<Tz: TimeZone>(
    rule: Option<&Rule>,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    tz: &Tz,
) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let show = |d: DateTime<Utc>| {
        d.with_timezone(tz)
            .format("%a %-d %b %Y, %H:%M")
            .to_string()
    };
    let Some(first) = next_run(rule, start, now, tz) else {
        return "It will not run: its time has passed.".into();
    };
    match next_run(rule, start, first, tz) {
        Some(then) => format!("First run: {}. Then: {}.", show(first), show(then)),
        None => format!("It runs once: {}.", show(first)),
    }
}

/// A parsed rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    minutes: Vec<u32>,
    hours: Vec<u32>,
    days: Vec<u32>,
    months: Vec<u32>,
    weekdays: Vec<u32>,
    any_day: bool,
    any_weekday: bool,
}

fn field(text: &str, min: u32, max: u32, what: &str) -> Result<(Vec<u32>, bool), String> {
    let mut out = Vec::new();
    for part in text.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (
                r,
                s.parse::<u32>()
                    .map_err(|_| format!("bad step \"{s}\" in the {what}"))?,
            ),
            None => (part, 1),
        };
        if step == 0 {
            return Err(format!("a step of 0 in the {what}"));
        }
        let (lo, hi) = if range == "*" {
            (min, max)
        } else if let Some((a, b)) = range.split_once('-') {
            (num(a, what)?, num(b, what)?)
        } else {
            let n = num(range, what)?;
            (n, if part.contains('/') { max } else { n })
        };
        // Sunday may be written 7.
        let hi_allowed = if what == "day of the week" { 7 } else { max };
        if lo < min || hi > hi_allowed || lo > hi {
            return Err(format!(
                "{range} is out of range for the {what} ({min}-{max})"
            ));
        }
        out.extend((lo..=hi).step_by(step as usize).map(|v| {
            if what == "day of the week" {
                v % 7
            } else {
                v
            }
        }));
    }
    out.sort_unstable();
    out.dedup();
    Ok((out, text == "*"))
}

fn num(s: &str, what: &str) -> Result<u32, String> {
    s.parse()
        .map_err(|_| format!("\"{s}\" is not a number in the {what}"))
}

/// Parses a five-field rule.
pub fn parse_rule(text: &str) -> Result<Rule, String> {
    let fields: Vec<&str> = text.split_whitespace().collect();
    let [m, h, dom, mon, dow] = fields[..] else {
        return Err(
            "A rule has five fields: minute, hour, day of the month, month, day of the week."
                .into(),
        );
    };
    let (minutes, _) = field(m, 0, 59, "minute")?;
    let (hours, _) = field(h, 0, 23, "hour")?;
    let (days, any_day) = field(dom, 1, 31, "day of the month")?;
    let (months, _) = field(mon, 1, 12, "month")?;
    let (weekdays, any_weekday) = field(dow, 0, 6, "day of the week")?;
    Ok(Rule {
        minutes,
        hours,
        days,
        months,
        weekdays,
        any_day,
        any_weekday,
    })
}

fn last_day(year: i32, month: u32) -> u32 {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(28)
}

impl Rule {
    /// Whether the rule runs at the local time `at` (to the minute).
    pub fn matches(&self, at: NaiveDateTime) -> bool {
        use chrono::Timelike;
        at.second() == 0
            && self.minutes.contains(&at.minute())
            && self.hours.contains(&at.hour())
            && self.runs_on(at.date())
    }

    /// Whether the rule runs on `date` (a day beyond the month's length falls on its last day).
    fn runs_on(&self, date: NaiveDate) -> bool {
        if !self.months.contains(&date.month()) {
            return false;
        }
        let last = last_day(date.year(), date.month());
        let day_matches = self.days.iter().any(|&d| d.min(last) == date.day());
        let weekday_matches = self
            .weekdays
            .contains(&date.weekday().num_days_from_sunday());
        match (self.any_day, self.any_weekday) {
            (true, true) => true,
            (false, true) => day_matches,
            (true, false) => weekday_matches,
            // Both restricted: cron runs when either matches.
            (false, false) => day_matches || weekday_matches,
        }
    }
}

/// The instant local time `local` stands for in `tz`: the earlier one when it is repeated, the
/// first minute after the gap when it is skipped.
fn instant<Tz: TimeZone>(tz: &Tz, local: NaiveDateTime) -> DateTime<Utc> {
    let mut t = local;
    for _ in 0..(3 * 60) {
        match tz.from_local_datetime(&t) {
            LocalResult::Single(d) => return d.with_timezone(&Utc),
            LocalResult::Ambiguous(a, b) => {
                return a.with_timezone(&Utc).min(b.with_timezone(&Utc))
            }
            LocalResult::None => t += Duration::minutes(1),
        }
    }
    tz.from_utc_datetime(&local).with_timezone(&Utc)
}

/// When a schedule starting at `start` with `rule` in `tz` runs next after `after` (strictly).
/// A schedule without a rule runs once, at `start`.
pub fn next_run<Tz: TimeZone>(
    rule: Option<&Rule>,
    start: DateTime<Utc>,
    after: DateTime<Utc>,
    tz: &Tz,
) -> Option<DateTime<Utc>> {
    let Some(rule) = rule else {
        return (start > after).then_some(start);
    };
    let from = after.max(start - Duration::seconds(1));
    let first_day = from.with_timezone(tz).date_naive();
    // Eight years cover every rule that can run at all (29 February included).
    let mut day = first_day.pred_opt().unwrap_or(first_day);
    for _ in 0..(366 * 8) {
        if rule.runs_on(day) {
            for &h in &rule.hours {
                for &m in &rule.minutes {
                    let local = day.and_hms_opt(h, m, 0)?;
                    let at = instant(tz, local);
                    if at > from && at >= start {
                        return Some(at);
                    }
                }
            }
        }
        day = day.succ_opt()?;
    }
    None
}

/// The name of the snapshot a schedule takes at local time `at`: `<schedule>-<yyyyMMdd-HHmm>`,
/// the schedule's name made fit for a Kubernetes name (lowercase letters and digits, anything
/// else a `-`, runs of `-` as one, at most 48 characters). The development backend names them
/// the same way.
pub fn scheduled_snapshot_name(schedule: &str, at: NaiveDateTime) -> String {
    let safe: String = schedule
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let mut base = String::new();
    for c in safe.trim_matches('-').chars() {
        // Runs of '-' read as one.
        if !(c == '-' && base.ends_with('-')) {
            base.push(c);
        }
    }
    base.truncate(48);
    let base = if base.is_empty() {
        "schedule".to_string()
    } else {
        base
    };
    format!("{base}-{}", at.format("%Y%m%d-%H%M"))
}

/// The next prune in words, by the scheduler's own rule (the `retention` crate): "Keep the last
/// 4: the next run deletes nightly-20261128-0200." `produced` are the schedule's snapshots
/// (oldest first), `pinned` those kept forever, `name_of` a snapshot's name from its id.
pub fn next_prune_sentence(
    keep: u32,
    produced: &[String],
    pinned: &[String],
    name_of: impl Fn(&str) -> Option<String>,
) -> String {
    let keep_words = match keep {
        1 => "Keep the last 1".to_string(),
        n => format!("Keep the last {n}"),
    };
    let deletes = retention::next_run_deletes(produced, pinned, keep as usize);
    let pinned_note = match pinned.iter().filter(|p| produced.contains(p)).count() {
        0 => String::new(),
        1 => " The one kept forever does not count.".to_string(),
        n => format!(" The {n} kept forever do not count."),
    };
    let kept = produced.iter().filter(|id| !pinned.contains(id)).count();
    let body = if deletes.is_empty() {
        match kept {
            0 => "the next run deletes nothing.".to_string(),
            n => format!("the next run deletes nothing ({n} of {keep} kept so far)."),
        }
    } else {
        let names: Vec<String> = deletes
            .iter()
            .map(|id| name_of(id).unwrap_or_else(|| id.to_string()))
            .collect();
        format!("the next run deletes {}.", names.join(", "))
    };
    format!("{keep_words}: {body}{pinned_note}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn repeats_become_rules_and_back() {
        let first = local("2026-11-27 02:00"); // a Friday
        assert_eq!(
            rule_for(&Repeat::Daily, first).as_deref(),
            Some("0 2 * * *")
        );
        assert_eq!(
            rule_for(&Repeat::Weekly, first).as_deref(),
            Some("0 2 * * 5")
        );
        assert_eq!(
            rule_for(&Repeat::Monthly, first).as_deref(),
            Some("0 2 27 * *")
        );
        assert_eq!(rule_for(&Repeat::None, first), None);
        for r in [Repeat::None, Repeat::Daily, Repeat::Weekly, Repeat::Monthly] {
            assert_eq!(repeat_of(rule_for(&r, first).as_deref(), first), r);
        }
        assert_eq!(
            repeat_of(Some("*/15 * * * *"), first),
            Repeat::Custom("*/15 * * * *".into())
        );
    }

    #[test]
    fn labels_name_the_day() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(repeat_label(&Repeat::Weekly, d), "Weekly on Friday");
        assert_eq!(repeat_label(&Repeat::Monthly, d), "Monthly on day 27");
        assert_eq!(repeat_label(&Repeat::Daily, d), "Daily");
    }

    #[test]
    fn rules_describe_themselves_whatever_the_viewer_s_time_zone() {
        assert_eq!(rule_label(Some("0 2 * * 5")), "Weekly on Friday");
        assert_eq!(rule_label(Some("0 2 * * 7")), "Weekly on Sunday");
        assert_eq!(rule_label(Some("30 4 31 * *")), "Monthly on day 31");
        assert_eq!(rule_label(Some("0 2 * * *")), "Daily");
        assert_eq!(rule_label(None), "Once");
        assert_eq!(rule_label(Some("*/15 * * * *")), "Custom (*/15 * * * *)");
    }

    #[test]
    fn repeat_options_follow_the_date_and_name_its_day() {
        let friday = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let labels: Vec<String> = repeat_options(friday, None)
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(
            labels,
            ["None", "Daily", "Weekly on Friday", "Monthly on day 27"]
        );
        let last_of_month = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
        let labels: Vec<String> = repeat_options(last_of_month, Some("0 */6 * * *"))
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(
            labels,
            [
                "None",
                "Daily",
                "Weekly on Thursday",
                "Monthly on day 31",
                "Custom (0 */6 * * *)"
            ]
        );
        // The kind of repeat is kept when the date changes: Weekly stays weekly, on the new day.
        let first = local("2026-12-31 02:00");
        assert_eq!(
            rule_for(&Repeat::Weekly, first).as_deref(),
            Some("0 2 * * 4")
        );
    }

    #[test]
    fn the_default_start_is_the_next_full_hour() {
        assert_eq!(
            next_full_hour(local("2026-11-22 01:38")),
            local("2026-11-22 02:00")
        );
        assert_eq!(
            next_full_hour(local("2026-11-22 23:00")),
            local("2026-11-23 00:00")
        );
        assert_eq!(
            next_full_hour(local("2026-12-31 23:59")),
            local("2027-01-01 00:00")
        );
    }

    #[test]
    fn runs_read_in_words() {
        let utc = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap().to_utc();
        let weekly = parse_rule("0 2 * * 5").unwrap();
        let now = utc("2026-11-22T00:00:00Z");
        assert_eq!(
            runs_in_words(Some(&weekly), utc("2026-11-27T02:00:00Z"), now, &Utc),
            "First run: Fri 27 Nov 2026, 02:00. Then: Fri 4 Dec 2026, 02:00."
        );
        assert_eq!(
            runs_in_words(None, utc("2026-11-27T02:00:00Z"), now, &Utc),
            "It runs once: Fri 27 Nov 2026, 02:00."
        );
        assert_eq!(
            runs_in_words(None, utc("2026-11-21T02:00:00Z"), now, &Utc),
            "It will not run: its time has passed."
        );
    }

    #[test]
    fn bad_rules_say_what_is_wrong() {
        assert!(parse_rule("0 2 * *").unwrap_err().contains("five fields"));
        assert!(parse_rule("0 24 * * *").unwrap_err().contains("hour"));
        assert!(parse_rule("0 2 0 * *")
            .unwrap_err()
            .contains("day of the month"));
        assert!(parse_rule("*/0 * * * *").unwrap_err().contains("step of 0"));
        assert!(parse_rule("0 2 * * 7").is_ok(), "Sunday may be 7");
    }

    #[test]
    fn scheduled_snapshot_names_carry_the_schedule_and_time() {
        assert_eq!(
            scheduled_snapshot_name("nightly", local("2026-11-27 02:00")),
            "nightly-20261127-0200"
        );
        assert!(scheduled_snapshot_name(&"x".repeat(70), local("2026-11-27 02:00")).len() <= 63);
    }
}
