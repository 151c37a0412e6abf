//! The app's next-run computation on the shared cases of `testdata/schedule-cases.json`, which
//! the development backend's scheduler is held to as well, so both agree.

use chrono::{DateTime, Utc};
use serde_json::Value;
use vm_snapshots::model::schedule::{next_run, parse_rule};

fn at(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .map(|s| DateTime::parse_from_rfc3339(s).unwrap().to_utc())
}

#[test]
fn next_runs_match_the_shared_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/schedule-cases.json");
    let cases: Vec<Value> = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.len() >= 10);
    for c in &cases {
        let tz: chrono_tz::Tz = c["time_zone"].as_str().unwrap().parse().unwrap();
        let rule = c["rule"].as_str().map(|r| parse_rule(r).unwrap());
        let got = next_run(
            rule.as_ref(),
            at(&c["start"]).unwrap(),
            at(&c["after"]).unwrap(),
            &tz,
        );
        assert_eq!(got, at(&c["next"]), "{}", c["case"]);
    }
}
