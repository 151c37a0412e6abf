//! Sorting, filtering and paging the Snapshots table: the rules users see.

use chrono::{DateTime, Utc};
use std::cmp::Ordering;
use vm_snapshots::model::listing::*;
use vm_snapshots::model::request::DiskChoice;
use vm_snapshots::model::schedule::Schedule;
use vm_snapshots::model::{Snapshot, SnapshotStatus};

fn snap(name: &str, date: &str) -> Snapshot {
    Snapshot {
        description: format!("about {name}"),
        created: Some(DateTime::parse_from_rfc3339(date).unwrap()),
        ..Snapshot::new(name, name, SnapshotStatus::Ok)
    }
}

fn sched(name: &str, next: &str) -> Schedule {
    let next: DateTime<Utc> = DateTime::parse_from_rfc3339(next).unwrap().to_utc();
    Schedule {
        id: name.into(),
        name: name.into(),
        description: String::new(),
        vm_id: "vm".into(),
        start: next,
        rule: Some("0 2 * * 5".into()),
        time_zone: "UTC".into(),
        keep: 3,
        paused: false,
        memory: false,
        disks: DiskChoice::All,
        next_run: Some(next),
        last_run: None,
        produced: vec![],
        pinned: vec![],
    }
}

fn names(a: &Arranged) -> Vec<&str> {
    a.rows.iter().map(Row::name).collect()
}

fn fixture() -> (Vec<Snapshot>, Vec<Schedule>) {
    (
        vec![
            snap("snap-10", "2026-11-18T07:26:49+02:00"), // 05:26Z
            snap("Snap-1 baseline", "2026-06-30T23:30:00-07:00"), // Jul 1 06:30Z
            snap("snap-2", "2026-09-02T11:00:00Z"),
            snap("Édition finale", "2026-10-12T12:00:00+09:00"), // 03:00Z
            snap("zeta", "2026-11-18T06:00:00+01:00"), // 05:00Z: before snap-10 though its local hour is later
        ],
        vec![
            sched("weekly", "2026-11-27T01:00:00Z"),
            sched("Daily", "2026-11-23T02:00:00Z"),
        ],
    )
}

#[test]
fn names_sort_naturally_ignoring_case_and_accents() {
    assert_eq!(natural_cmp("snap-2", "snap-10"), Ordering::Less);
    assert_eq!(natural_cmp("Snap-2", "snap-10"), Ordering::Less);
    assert_eq!(natural_cmp("snap-010", "snap-9"), Ordering::Greater);
    assert_eq!(natural_cmp("Édition", "edition-2"), Ordering::Less);
    assert_eq!(
        natural_cmp("élan", "f"),
        Ordering::Less,
        "É sorts with E, not after z"
    );
    // Names that fold alike still get one definite order, so sorting is stable across reloads.
    assert_ne!(natural_cmp("Zürich", "zurich"), Ordering::Equal);
    assert_eq!(
        natural_cmp("Zürich", "zurich"),
        natural_cmp("zurich", "Zürich").reverse()
    );
    let (s, _) = fixture();
    let a = arrange(&s, &[], &ListQuery::default());
    assert_eq!(
        names(&a),
        [
            "Édition finale",
            "Snap-1 baseline",
            "snap-2",
            "snap-10",
            "zeta"
        ]
    );
}

#[test]
fn dates_compare_as_instants_whatever_the_offset() {
    let (s, _) = fixture();
    let q = ListQuery {
        sort: SortKey::Date,
        ..ListQuery::default()
    };
    assert_eq!(
        names(&arrange(&s, &[], &q)),
        [
            "Snap-1 baseline",
            "snap-2",
            "Édition finale",
            "zeta",
            "snap-10"
        ]
    );
    let desc = ListQuery {
        dir: Dir::Desc,
        ..q
    };
    assert_eq!(
        names(&arrange(&s, &[], &desc)),
        [
            "snap-10",
            "zeta",
            "Édition finale",
            "snap-2",
            "Snap-1 baseline"
        ]
    );
}

#[test]
fn scheduled_rows_stay_on_top_in_every_order() {
    let (s, sc) = fixture();
    for sort in [SortKey::Name, SortKey::Date] {
        for dir in [Dir::Asc, Dir::Desc] {
            let a = arrange(
                &s,
                &sc,
                &ListQuery {
                    sort,
                    dir,
                    ..ListQuery::default()
                },
            );
            assert!(
                matches!(a.rows[0], Row::Scheduled(_)) && matches!(a.rows[1], Row::Scheduled(_)),
                "{sort:?} {dir:?}"
            );
            assert!(a.rows[2..].iter().all(|r| matches!(r, Row::Taken(_))));
        }
    }
    // Each group in the query's order: by next run for the scheduled ones.
    let a = arrange(
        &s,
        &sc,
        &ListQuery {
            sort: SortKey::Date,
            ..ListQuery::default()
        },
    );
    assert_eq!(&names(&a)[..2], ["Daily", "weekly"]);
    let a = arrange(
        &s,
        &sc,
        &ListQuery {
            sort: SortKey::Name,
            dir: Dir::Desc,
            ..ListQuery::default()
        },
    );
    assert_eq!(&names(&a)[..2], ["weekly", "Daily"]);
}

#[test]
fn the_filter_shows_taken_scheduled_or_both_with_counts() {
    let (s, sc) = fixture();
    let taken = arrange(
        &s,
        &sc,
        &ListQuery {
            show: Show::Taken,
            ..ListQuery::default()
        },
    );
    assert!(taken.rows.iter().all(|r| matches!(r, Row::Taken(_))));
    assert_eq!((taken.taken, taken.scheduled, taken.matching), (5, 2, 5));
    let scheduled = arrange(
        &s,
        &sc,
        &ListQuery {
            show: Show::Scheduled,
            ..ListQuery::default()
        },
    );
    assert_eq!(names(&scheduled), ["Daily", "weekly"]);
    let text = arrange(
        &s,
        &sc,
        &ListQuery {
            q: "EDITION".into(),
            ..ListQuery::default()
        },
    );
    assert_eq!(
        names(&text),
        ["Édition finale"],
        "text filter ignores case and accents"
    );
    let in_description = arrange(
        &s,
        &sc,
        &ListQuery {
            q: "about snap-2".into(),
            ..ListQuery::default()
        },
    );
    assert_eq!(names(&in_description), ["snap-2"]);
    let none = arrange(
        &s,
        &sc,
        &ListQuery {
            q: "nothing like it".into(),
            ..ListQuery::default()
        },
    );
    assert_eq!((none.matching, none.rows.len(), none.pages), (0, 0, 1));
}

#[test]
fn paging_applies_to_all_rows_after_sorting_and_filtering() {
    let many: Vec<Snapshot> = (1..=45)
        .map(|i| snap(&format!("s-{i}"), "2026-01-01T00:00:00Z"))
        .collect();
    let q = ListQuery {
        per_page: 20,
        page: 3,
        ..ListQuery::default()
    };
    let a = arrange(&many, &[], &q);
    assert_eq!((a.pages, a.page, a.matching), (3, 3, 45));
    assert_eq!(names(&a), ["s-41", "s-42", "s-43", "s-44", "s-45"]);
    let a = arrange(
        &many,
        &[],
        &ListQuery {
            page: 9,
            ..q.clone()
        },
    );
    assert_eq!(a.page, 3, "a page past the end shows the last one");
    let desc = arrange(
        &many,
        &[],
        &ListQuery {
            dir: Dir::Desc,
            page: 1,
            ..q
        },
    );
    assert_eq!(names(&desc)[0], "s-45");
}

#[test]
fn the_query_lives_in_the_url_and_clicks_flip_the_direction() {
    let q = ListQuery {
        sort: SortKey::Date,
        dir: Dir::Desc,
        show: Show::Taken,
        q: "snap".into(),
        page: 2,
        per_page: 50,
        timeline: true,
    };
    let pairs = q.to_pairs();
    let back = ListQuery::from_pairs(|k| {
        pairs
            .iter()
            .find(|(key, _)| *key == k)
            .map(|(_, v)| v.clone())
    });
    assert_eq!(back, q);
    assert!(ListQuery::default().to_pairs().is_empty());
    let bad = ListQuery::from_pairs(|k| {
        Some(if k == "per_page" {
            "7".into()
        } else {
            "nonsense".into()
        })
    });
    assert_eq!(
        bad,
        ListQuery {
            q: "nonsense".into(),
            ..ListQuery::default()
        }
    );
    let by_date = ListQuery::default().clicked(SortKey::Date);
    assert_eq!((by_date.sort, by_date.dir), (SortKey::Date, Dir::Asc));
    assert_eq!(by_date.clicked(SortKey::Date).dir, Dir::Desc);
    assert_eq!(
        by_date.clicked(SortKey::Date).clicked(SortKey::Date).dir,
        Dir::Asc
    );
}

#[test]
fn relative_dates_read_in_words() {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-11-22T12:00:00Z")
        .unwrap()
        .to_utc();
    let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().to_utc();
    assert_eq!(relative(at("2026-11-22T15:00:00Z"), now), "in 3 hours");
    assert_eq!(relative(at("2026-11-20T12:00:00Z"), now), "2 days ago");
    assert_eq!(relative(at("2026-11-22T11:59:30Z"), now), "just now");
    assert_eq!(relative(at("2026-11-22T12:01:00Z"), now), "in 1 minute");
    assert_eq!(relative(at("2025-10-22T12:00:00Z"), now), "1 year ago");
}

#[test]
fn snapshots_read_one_by_one_take_the_place_of_their_rows_and_gone_ones_leave() {
    let at = "2026-11-01T10:00:00Z";
    let renamed = Snapshot {
        description: "locked no more".into(),
        ..snap("a", at)
    };
    let list = vec![snap("a", at), snap("b", at), snap("c", at)];
    let fresher = vec![
        ("a".to_string(), Some(renamed.clone())),
        ("b".to_string(), None),
        ("d".to_string(), Some(snap("d", at))),
        ("e".to_string(), None),
    ];
    let merged = with_fresher(list, &fresher);
    let ids: Vec<&str> = merged.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["a", "c", "d"]);
    assert_eq!(merged[0], renamed);
}

/// The order as first written (allocating a `String` per run of digits, folding every character
/// through Unicode's tables): `natural_cmp` must keep it exactly.
fn reference_cmp(a: &str, b: &str) -> Ordering {
    fn fold(c: char) -> char {
        let c = c.to_lowercase().next().unwrap_or(c);
        match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
            'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
            'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
            other => other,
        }
    }
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return a.cmp(b),
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) if p.is_ascii_digit() && q.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut s = String::new();
                    while let Some(c) = it.peek().copied().filter(char::is_ascii_digit) {
                        s.push(c);
                        it.next();
                    }
                    s
                };
                let (m, n) = (take(&mut x), take(&mut y));
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                let order = m.len().cmp(&n.len()).then_with(|| m.cmp(n));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(p), Some(q)) => {
                let order = fold(p).cmp(&fold(q));
                if order != Ordering::Equal {
                    return order;
                }
                x.next();
                y.next();
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn the_natural_order_is_the_one_first_written(
        a in "[a-cA-C0-9 ._éÉüÜ-]{0,12}",
        b in "[a-cA-C0-9 ._éÉüÜ-]{0,12}",
    ) {
        proptest::prop_assert_eq!(natural_cmp(&a, &b), reference_cmp(&a, &b));
    }

    /// The sort compares keys worked out once per name; they must order names as `natural_cmp`.
    #[test]
    fn the_sort_keys_order_names_as_the_natural_order(
        a in "[a-cA-C0-9 ._éÉüÜ/:-]{0,12}",
        b in "[a-cA-C0-9 ._éÉüÜ/:-]{0,12}",
    ) {
        let by_keys = natural_key(&a).cmp(&natural_key(&b)).then_with(|| a.cmp(&b));
        proptest::prop_assert_eq!(by_keys, natural_cmp(&a, &b));
    }

    #[test]
    fn the_filter_finds_a_name_whatever_its_case_and_accents(
        name in "[a-zA-Z0-9 ._éÉ-]{1,16}",
        start in 0usize..16,
        len in 1usize..6,
    ) {
        let chars: Vec<char> = name.chars().collect();
        let start = start.min(chars.len() - 1);
        let end = (start + len).min(chars.len());
        // What the admin types: a piece of the name, in upper case, without accents.
        let typed: String = chars[start..end]
            .iter()
            .map(|c| match c { 'é' | 'É' => 'E', c => c.to_ascii_uppercase() })
            .collect();
        let list = [snap(&name, "2026-11-01T00:00:00Z")];
        let shown = arrange(&list, &[], &ListQuery { q: typed.clone(), ..ListQuery::default() });
        proptest::prop_assert_eq!(shown.matching, 1, "{:?} finds {:?}", typed, name);
    }
}

proptest::proptest! {
    /// Only the rows up to the page shown are sorted: every page is the same slice of the whole
    /// list sorted at once, ties (equal names, equal dates, no date) in the order read.
    #[test]
    fn each_page_is_its_slice_of_the_whole_order(
        list in proptest::collection::vec(("[ab]{0,2}[0-9]{0,2}", proptest::option::of(0u32..5)), 0..70),
        by_date: bool,
        newest_first: bool,
        page in 1usize..6,
        per_page in 1usize..25,
    ) {
        let snapshots: Vec<Snapshot> = list
            .iter()
            .enumerate()
            .map(|(i, (name, day))| {
                let mut s = snap(name, "2026-11-01T00:00:00Z");
                s.id = format!("s{i}");
                s.created = day.map(|d| DateTime::parse_from_rfc3339(&format!("2026-11-0{}T00:00:00Z", d + 1)).unwrap());
                s
            })
            .collect();
        let query = ListQuery {
            sort: if by_date { SortKey::Date } else { SortKey::Name },
            dir: if newest_first { Dir::Desc } else { Dir::Asc },
            page,
            per_page,
            ..ListQuery::default()
        };
        let whole = arrange(&snapshots, &[], &ListQuery { page: 1, per_page: 1000, ..query.clone() });
        let paged = arrange(&snapshots, &[], &query);
        let start = (paged.page - 1) * per_page;
        let want: Vec<Row> = whole.rows.into_iter().skip(start).take(per_page).collect();
        proptest::prop_assert_eq!(paged.rows, want);
        proptest::prop_assert_eq!(paged.matching, snapshots.len());
        // The whole order is the rule's, compared pair by pair (the sort works out keys once).
        let mut reference: Vec<&Snapshot> = snapshots.iter().collect();
        reference.sort_by(|a, b| {
            let o = match (by_date, a.created, b.created) {
                (false, ..) => natural_cmp(&a.name, &b.name),
                (true, Some(x), Some(y)) => x.cmp(&y).then_with(|| natural_cmp(&a.name, &b.name)),
                (true, Some(_), None) => return Ordering::Less,
                (true, None, Some(_)) => return Ordering::Greater,
                (true, None, None) => return natural_cmp(&a.name, &b.name),
            };
            if newest_first { o.reverse() } else { o }
        });
        let ids: Vec<String> = reference.iter().map(|s| s.id.clone()).collect();
        let whole = arrange(&snapshots, &[], &ListQuery { page: 1, per_page: 1000, ..query });
        let shown: Vec<String> = whole
            .rows
            .iter()
            .map(|r| match r { Row::Taken(s) => s.id.clone(), Row::Scheduled(s) => s.name.clone() })
            .collect();
        proptest::prop_assert_eq!(shown, ids);
    }
}
