//! The Snapshots table's rows: taken and scheduled snapshots in one list, sorted, filtered and
//! paged by a query that lives in the URL (`sort`, `dir`, `show`, `q`, `page`, `per_page`).

use super::schedule::Schedule;
use super::Snapshot;
use chrono::{DateTime, Utc};
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Date,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dir {
    Asc,
    Desc,
}

/// Which rows to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Show {
    Both,
    Taken,
    Scheduled,
}

pub const PAGE_SIZES: [usize; 4] = [10, 20, 50, 100];

/// The table's state, as the URL query holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    pub sort: SortKey,
    pub dir: Dir,
    pub show: Show,
    pub q: String,
    /// 1-based.
    pub page: usize,
    pub per_page: usize,
    /// The timeline instead of the table (`view=timeline`).
    pub timeline: bool,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            sort: SortKey::Name,
            dir: Dir::Asc,
            show: Show::Both,
            q: String::new(),
            page: 1,
            per_page: 20,
            timeline: false,
        }
    }
}

impl ListQuery {
    /// Reads the query keys; unknown or bad values fall back to the defaults.
    pub fn from_pairs(get: impl Fn(&str) -> Option<String>) -> Self {
        let d = ListQuery::default();
        ListQuery {
            sort: match get("sort").as_deref() {
                Some("date") => SortKey::Date,
                _ => SortKey::Name,
            },
            dir: match get("dir").as_deref() {
                Some("desc") => Dir::Desc,
                _ => Dir::Asc,
            },
            show: match get("show").as_deref() {
                Some("taken") => Show::Taken,
                Some("scheduled") => Show::Scheduled,
                _ => Show::Both,
            },
            q: get("q").unwrap_or_default(),
            page: get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(d.page),
            per_page: get("per_page")
                .and_then(|p| p.parse().ok())
                .filter(|p| PAGE_SIZES.contains(p))
                .unwrap_or(d.per_page),
            timeline: get("view").as_deref() == Some("timeline"),
        }
    }

    /// The keys that differ from the defaults, for the URL.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let d = ListQuery::default();
        let mut out = Vec::new();
        if self.sort != d.sort {
            out.push(("sort", "date".to_string()));
        }
        if self.dir != d.dir {
            out.push(("dir", "desc".to_string()));
        }
        match self.show {
            Show::Both => {}
            Show::Taken => out.push(("show", "taken".into())),
            Show::Scheduled => out.push(("show", "scheduled".into())),
        }
        if !self.q.is_empty() {
            out.push(("q", self.q.clone()));
        }
        if self.page != d.page {
            out.push(("page", self.page.to_string()));
        }
        if self.per_page != d.per_page {
            out.push(("per_page", self.per_page.to_string()));
        }
        if self.timeline {
            out.push(("view", "timeline".into()));
        }
        out
    }

    /// Clicking a column title: sort by it, or flip the direction if it is already the key.
    pub fn clicked(&self, key: SortKey) -> Self {
        let dir = if self.sort == key {
            if self.dir == Dir::Asc {
                Dir::Desc
            } else {
                Dir::Asc
            }
        } else {
            Dir::Asc
        };
        ListQuery {
            sort: key,
            dir,
            page: 1,
            ..self.clone()
        }
    }
}

/// A row of the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Row {
    Scheduled(Schedule),
    Taken(Snapshot),
}

impl Row {
    fn item(&self) -> Item<'_> {
        match self {
            Row::Scheduled(s) => Item::Scheduled(s),
            Row::Taken(s) => Item::Taken(s),
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Row::Scheduled(s) => &s.name,
            Row::Taken(s) => &s.name,
        }
    }

    /// A taken snapshot's date; a schedule's next run.
    pub fn date(&self) -> Option<DateTime<Utc>> {
        self.item().date()
    }
}

/// Folds a letter for comparing: lowercase, and Latin letters with diacritics as their base letter.
fn fold(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let c = c.to_lowercase().next().unwrap_or(c);
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => 'g',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ŕ' | 'ř' => 'r',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ţ' | 'ť' => 't',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ł' => 'l',
        other => other,
    }
}

/// Natural, case- and accent-insensitive order: "snap-2" < "snap-10" < "Snap-11" < "Édition" < "f".
/// It allocates nothing. A sort by date breaks its ties with it; a sort by name compares
/// [`natural_key`]s instead, which order names the same, with each name folded once.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a, b);
    loop {
        let (p, q) = match (x.chars().next(), y.chars().next()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) => (p, q),
        };
        if p.is_ascii_digit() && q.is_ascii_digit() {
            let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
            let (m, n) = (digits(x), digits(y));
            let (run_x, run_y) = (
                x[..m].trim_start_matches('0'),
                y[..n].trim_start_matches('0'),
            );
            let order = run_x.len().cmp(&run_y.len()).then_with(|| run_x.cmp(run_y));
            if order != Ordering::Equal {
                return order;
            }
            (x, y) = (&x[m..], &y[n..]);
        } else {
            let order = fold(p).cmp(&fold(q));
            if order != Ordering::Equal {
                return order;
            }
            (x, y) = (&x[p.len_utf8()..], &y[q.len_utf8()..]);
        }
    }
}

/// A name's sort key: comparing two keys, then the names as they are, gives exactly
/// [`natural_cmp`]'s order, with each name folded once rather than at every comparison (a sort
/// of 2,000 names compares about 22,000 pairs; in the browser that is most of a first table).
///
/// Each character is its folded code. A run of digits is `'0'` (every digit compares alike
/// with any other character), the run's length without leading zeros, then those digits: two
/// runs compare by length, then digit by digit, as `natural_cmp` compares them.
pub fn natural_key(name: &str) -> Vec<u32> {
    let mut key = Vec::with_capacity(name.len());
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() {
            let run = rest.bytes().take_while(u8::is_ascii_digit).count();
            let digits = rest[..run].trim_start_matches('0');
            key.push(u32::from(b'0'));
            key.push(digits.len() as u32);
            key.extend(digits.bytes().map(u32::from));
            rest = &rest[run..];
        } else {
            key.push(u32::from(fold(c)));
            rest = &rest[c.len_utf8()..];
        }
    }
    key
}

/// A row while the rows are arranged: borrowed, so that only the page shown is copied.
#[derive(Clone, Copy)]
enum Item<'a> {
    Scheduled(&'a Schedule),
    Taken(&'a Snapshot),
}

impl Item<'_> {
    fn name(&self) -> &str {
        match self {
            Item::Scheduled(s) => &s.name,
            Item::Taken(s) => &s.name,
        }
    }

    fn date(&self) -> Option<DateTime<Utc>> {
        match self {
            Item::Scheduled(s) => s.next_run,
            Item::Taken(s) => s.created.map(|d| d.to_utc()),
        }
    }

    fn description(&self) -> &str {
        match self {
            Item::Scheduled(s) => &s.description,
            Item::Taken(s) => &s.description,
        }
    }

    fn to_row(self) -> Row {
        match self {
            Item::Scheduled(s) => Row::Scheduled(s.clone()),
            Item::Taken(s) => Row::Taken(s.clone()),
        }
    }
}

/// Whether `text` holds `needle` (already folded), folding `text` as it goes.
fn holds(text: &str, needle: &[char]) -> bool {
    if needle.is_empty() {
        return true;
    }
    // Most names are ASCII: compared in place, with nothing allocated (a filter of 10,000
    // snapshots reads 20,000 texts at every key typed).
    if text.is_ascii() {
        let bytes = text.as_bytes();
        return needle.len() <= bytes.len()
            && bytes.windows(needle.len()).any(|w| {
                w.iter()
                    .zip(needle)
                    .all(|(b, c)| char::from(b.to_ascii_lowercase()) == *c)
            });
    }
    let folded: Vec<char> = text.chars().map(fold).collect();
    folded.windows(needle.len()).any(|w| w == needle)
}

fn matches(item: &Item, needle: &[char]) -> bool {
    holds(item.name(), needle) || holds(item.description(), needle)
}

/// Sorts rows by name ([`natural_cmp`]) or by date (ties by name; rows without a date last in
/// both directions, by name), with each row's key worked out once: its name's [`natural_key`],
/// or its date.
fn sort_items(rows: &mut Vec<Item>, key: SortKey, dir: Dir) {
    let desc = dir == Dir::Desc;
    match key {
        SortKey::Name => {
            let mut keyed: Vec<(Vec<u32>, Item)> =
                rows.drain(..).map(|r| (natural_key(r.name()), r)).collect();
            keyed.sort_by(|(x, a), (y, b)| {
                let o = x.cmp(y).then_with(|| a.name().cmp(b.name()));
                if desc {
                    o.reverse()
                } else {
                    o
                }
            });
            rows.extend(keyed.into_iter().map(|(_, r)| r));
        }
        SortKey::Date => {
            let mut keyed: Vec<(Option<DateTime<Utc>>, Item)> =
                rows.drain(..).map(|r| (r.date(), r)).collect();
            keyed.sort_by(|(x, a), (y, b)| match (x, y) {
                (Some(x), Some(y)) => {
                    let o = x.cmp(y).then_with(|| natural_cmp(a.name(), b.name()));
                    if desc {
                        o.reverse()
                    } else {
                        o
                    }
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => natural_cmp(a.name(), b.name()),
            });
            rows.extend(keyed.into_iter().map(|(_, r)| r));
        }
    }
}

/// The table as a query arranges it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arranged {
    /// The rows of the current page: scheduled first, each group in the query's order.
    pub rows: Vec<Row>,
    /// How many rows match the filter in all.
    pub matching: usize,
    /// Counts for the Taken / Scheduled filter (of all rows matching the text filter).
    pub taken: usize,
    pub scheduled: usize,
    /// The page shown (clamped to the last page).
    pub page: usize,
    pub pages: usize,
}

/// Sorts, filters and pages all rows: scheduled rows stand on top in every order.
pub fn arrange(snapshots: &[Snapshot], schedules: &[Schedule], query: &ListQuery) -> Arranged {
    let needle: Vec<char> = query.q.trim().chars().map(fold).collect();
    let mut scheduled: Vec<Item> = schedules
        .iter()
        .map(Item::Scheduled)
        .filter(|r| matches(r, &needle))
        .collect();
    let mut taken: Vec<Item> = snapshots
        .iter()
        .map(Item::Taken)
        .filter(|r| matches(r, &needle))
        .collect();
    let (n_scheduled, n_taken) = (scheduled.len(), taken.len());
    let mut rows = Vec::new();
    if query.show != Show::Taken {
        sort_items(&mut scheduled, query.sort, query.dir);
        rows.extend(scheduled);
    }
    if query.show != Show::Scheduled {
        sort_items(&mut taken, query.sort, query.dir);
        rows.extend(taken);
    }
    let matching = rows.len();
    let pages = matching.div_ceil(query.per_page).max(1);
    let page = query.page.clamp(1, pages);
    let rows = rows
        .into_iter()
        .skip((page - 1) * query.per_page)
        .take(query.per_page)
        .map(Item::to_row)
        .collect();
    Arranged {
        rows,
        matching,
        taken: n_taken,
        scheduled: n_scheduled,
        page,
        pages,
    }
}

/// The snapshots and schedules the query's filters let through (its text, Taken or Scheduled),
/// unsorted and unpaged: what the timeline shows.
pub fn filtered(
    snapshots: &[Snapshot],
    schedules: &[Schedule],
    query: &ListQuery,
) -> (Vec<Snapshot>, Vec<Schedule>) {
    let needle: Vec<char> = query.q.trim().chars().map(fold).collect();
    let taken = if query.show == Show::Scheduled {
        Vec::new()
    } else {
        snapshots
            .iter()
            .filter(|s| matches(&Item::Taken(s), &needle))
            .cloned()
            .collect()
    };
    let scheduled = if query.show == Show::Taken {
        Vec::new()
    } else {
        schedules
            .iter()
            .filter(|s| matches(&Item::Scheduled(s), &needle))
            .cloned()
            .collect()
    };
    (taken, scheduled)
}

/// "in 3 hours", "2 days ago", "just now": the distance from `now` to `at`, in words.
pub fn relative(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (at - now).num_seconds();
    let abs = secs.unsigned_abs();
    let (n, unit) = match abs {
        0..=59 => return "just now".into(),
        60..=3_599 => (abs / 60, "minute"),
        3_600..=86_399 => (abs / 3_600, "hour"),
        86_400..=2_591_999 => (abs / 86_400, "day"),
        2_592_000..=31_535_999 => (abs / 2_592_000, "month"),
        _ => (abs / 31_536_000, "year"),
    };
    let unit = if n == 1 {
        unit.to_string()
    } else {
        format!("{unit}s")
    };
    if secs > 0 {
        format!("in {n} {unit}")
    } else {
        format!("{n} {unit} ago")
    }
}

/// `list` with the snapshots read one by one since (`None`: gone) in place of its own.
pub fn with_fresher(
    mut list: Vec<Snapshot>,
    fresher: &[(String, Option<Snapshot>)],
) -> Vec<Snapshot> {
    for (id, read) in fresher {
        match (list.iter().position(|s| &s.id == id), read) {
            (Some(at), Some(s)) => list[at] = s.clone(),
            (Some(at), None) => {
                list.remove(at);
            }
            (None, Some(s)) => list.push(s.clone()),
            (None, None) => {}
        }
    }
    list
}
