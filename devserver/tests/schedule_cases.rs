//! The development backend's scheduler on the shared cases of `testdata/schedule-cases.json`,
//! which the app's next-run computation is held to as well, so both agree.

use chrono::{DateTime, Utc};
use devserver::scheduler::{next, Cron};
use serde_json::Value;

fn at(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .map(|s| DateTime::parse_from_rfc3339(s).unwrap().to_utc())
}

#[test]
fn next_runs_match_the_shared_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/schedule-cases.json"
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for c in &cases {
        let tz: chrono_tz::Tz = c["time_zone"].as_str().unwrap().parse().unwrap();
        let cron = c["rule"].as_str().map(|r| Cron::parse(r).unwrap());
        assert_eq!(
            next(
                cron.as_ref(),
                tz,
                at(&c["start"]).unwrap(),
                at(&c["after"]).unwrap()
            ),
            at(&c["next"]),
            "{}",
            c["case"]
        );
    }
}

#[test]
fn scheduled_snapshot_names_match_the_shared_cases() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../testdata/scheduled-names.json"
    );
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    for c in &cases {
        let at =
            chrono::NaiveDateTime::parse_from_str(c["local"].as_str().unwrap(), "%Y-%m-%d %H:%M")
                .unwrap();
        assert_eq!(
            devserver::schedules::snapshot_name(c["schedule"].as_str().unwrap(), at),
            c["name"].as_str().unwrap()
        );
    }
}
