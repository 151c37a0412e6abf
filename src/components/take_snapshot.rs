//! The take-snapshot modal, shared by the VM list and the Snapshots tab: a name generated from
//! the local date and time (editable, checked against the backend's rules), a description, the
//! disks (all, or chosen ones; those that cannot be snapshotted shown with the reason), memory for
//! a running VM where the backend has memory snapshots, an optional schedule (date, time, a
//! Repeat that follows the date, how many to keep, the runs in words), and the warning remarks.

use crate::api::{actions, ApiError};
use crate::components::modal::{Field, Modal};
use crate::context::use_app;
use crate::model::naming::{default_snapshot_name, validate_snapshot_name};
use crate::model::remarks::remarks;
use crate::model::request::{DiskChoice, NewSnapshot};
use crate::model::schedule::{
    next_full_hour, next_prune_sentence, parse_rule, repeat_of, repeat_options, rule_for,
    runs_in_words, Repeat, Schedule,
};
use crate::model::{format, BackendKind, Snapshot, Vm};
use chrono::{Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use leptos::prelude::*;

/// The viewer's IANA time zone, as the browser knows it ("UTC" when it does not say).
fn browser_time_zone() -> String {
    let options = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
        .resolved_options();
    js_sys::Reflect::get(&options, &"timeZone".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// What the modal sends.
#[derive(Clone)]
enum Request {
    Now(NewSnapshot),
    Scheduled(Schedule),
}

#[component]
pub fn TakeSnapshotModal(
    vm: Vm,
    /// `Err(reason)` when the backend has no schedules: the schedule part is not offered.
    #[prop(optional)]
    scheduling: Option<Result<(), String>>,
    /// A schedule to edit: the modal opens with its values, and saves it.
    #[prop(optional)]
    editing: Option<Schedule>,
    /// The VM's snapshots, to name what the edited schedule's next run deletes.
    #[prop(optional)]
    snapshots: Vec<Snapshot>,
    on_close: Callback<()>,
    /// Called once the backend has accepted the snapshot or the schedule.
    /// With the new snapshot, when the backend answered with it.
    on_taken: Callback<Option<Snapshot>>,
) -> impl IntoView {
    let app = use_app();
    let backend_kind = app.config.backend;
    let caps = app.backend().capabilities();
    let scheduling = scheduling.unwrap_or(Ok(()));
    let now = Local::now().naive_local();
    let edit = editing.clone();
    let name = RwSignal::new(
        edit.as_ref()
            .map(|e| e.name.clone())
            .unwrap_or_else(|| default_snapshot_name(&vm.name, now)),
    );
    let description = RwSignal::new(
        edit.as_ref()
            .map(|e| e.description.clone())
            .unwrap_or_default(),
    );
    // A schedule's memory is saved when it runs, whatever the VM does now.
    let memory_offered =
        caps.memory_snapshots.is_ok() && (vm.status.is_running() || edit.is_some());
    let memory = RwSignal::new(edit.as_ref().map(|e| e.memory).unwrap_or(memory_offered));
    // KubeVirt: how long the snapshot may take (its `failureDeadline`), 5 minutes by default.
    let deadline_offered = backend_kind == BackendKind::Kubevirt;
    let deadline_text = RwSignal::new("5".to_string());
    let deadline_unit = RwSignal::new(60u64);
    let deadline_seconds = Memo::new(move |_| {
        deadline_text
            .with(|t| t.trim().parse::<u64>().ok())
            .and_then(|n| n.checked_mul(deadline_unit.get()))
    });
    let deadline_error = Signal::derive(move || {
        deadline_seconds
            .get()
            .is_none()
            .then(|| "Enter a whole number, 0 or more.".to_string())
    });
    let subset_offered = caps.disk_subset.is_ok();
    let (initial_subset, initial_chosen) = match edit.as_ref().map(|e| &e.disks) {
        Some(DiskChoice::Only(ids)) => (true, ids.clone()),
        _ => (
            false,
            vm.disks
                .iter()
                .filter(|d| d.snapshottable)
                .map(|d| d.id.clone())
                .collect::<Vec<_>>(),
        ),
    };
    let select_disks = RwSignal::new(initial_subset);
    let chosen = RwSignal::new(initial_chosen);
    let disks = Signal::derive(move || {
        if select_disks.get() {
            DiskChoice::Only(chosen.get())
        } else {
            DiskChoice::All
        }
    });

    let schedule_on = RwSignal::new(edit.is_some());
    // The start as the viewer reads it, in the viewer's time zone.
    let start = edit
        .as_ref()
        .map(|e| e.start.with_timezone(&Local).naive_local())
        .unwrap_or_else(|| next_full_hour(now));
    let date = RwSignal::new(start.date().format("%Y-%m-%d").to_string());
    let time = RwSignal::new(start.time().format("%H:%M").to_string());
    let custom_rule = edit
        .as_ref()
        .and_then(|e| match repeat_of(e.rule.as_deref(), start) {
            Repeat::Custom(r) => Some(r),
            _ => None,
        });
    let repeat = RwSignal::new(
        edit.as_ref()
            .map(|e| repeat_of(e.rule.as_deref(), start))
            .unwrap_or(Repeat::Weekly),
    );
    let keep = RwSignal::new(
        edit.as_ref()
            .map(|e| e.keep.to_string())
            .unwrap_or_else(|| "3".to_string()),
    );
    let name_fixed = edit.is_some() && backend_kind == BackendKind::Kubevirt;
    let first_run = Signal::derive(move || {
        let d = NaiveDate::parse_from_str(&date.get(), "%Y-%m-%d").ok()?;
        let t = NaiveTime::parse_from_str(&time.get(), "%H:%M").ok()?;
        Some(NaiveDateTime::new(d, t))
    });
    let keep_value = Signal::derive(move || {
        keep.get()
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|k| (1..=100).contains(k))
    });

    let name_error =
        Signal::derive(move || name.with(|n| validate_snapshot_name(backend_kind, n).err()));
    let when_error = Signal::derive(move || {
        (schedule_on.get() && first_run.get().is_none())
            .then(|| "Enter a date and a time.".to_string())
    });
    // The next prune in words, by the scheduler's own rule: for a schedule being edited, from
    // the snapshots it made; for a new one, what its runs will do.
    let made = StoredValue::new(
        editing
            .as_ref()
            .map(|e| (e.produced.clone(), e.pinned.clone())),
    );
    let names = StoredValue::new(snapshots.clone());
    let prune_sentence = Signal::derive(move || {
        let Some(n) = keep_value.get() else {
            return String::new();
        };
        match made.get_value() {
            Some((produced, pinned)) => names.with_value(|all| {
                next_prune_sentence(n, &produced, &pinned, |id| {
                    all.iter().find(|s| s.id == id).map(|s| s.name.clone())
                })
            }),
            None => format!(
                "Keep the last {n}: from run {} on, each run deletes the oldest snapshot this schedule made.",
                n + 1
            ),
        }
    });
    let keep_error = Signal::derive(move || {
        (schedule_on.get() && repeat.get() != Repeat::None && keep_value.get().is_none())
            .then(|| "Keep from 1 to 100 snapshots.".to_string())
    });
    let runs = Signal::derive(move || {
        let first = first_run.get()?;
        let rule = rule_for(&repeat.get(), first);
        let parsed = rule.as_deref().and_then(|r| parse_rule(r).ok());
        let start = Local.from_local_datetime(&first).earliest()?.to_utc();
        Some(runs_in_words(
            parsed.as_ref(),
            start,
            chrono::Utc::now(),
            &Local,
        ))
    });

    let backend = app.backend();
    let send = Action::new_local(move |(vm, request): &(Vm, Request)| {
        let backend = backend.clone();
        let (vm, request) = (vm.clone(), request.clone());
        async move {
            match request {
                Request::Now(s) => actions(&backend).await?.create_snapshot(&vm, &s).await,
                Request::Scheduled(s) => actions(&backend)
                    .await?
                    .save_schedule(&vm, &s)
                    .await
                    .map(|_| None),
            }
        }
    });
    let error = Signal::derive(move || {
        send.value()
            .get()
            .and_then(|r: Result<Option<Snapshot>, ApiError>| r.err())
    });
    Effect::new(move |_| {
        if let Some(Ok(made)) = send.value().get() {
            on_taken.run(made);
        }
    });
    let vm_for_submit = vm.clone();
    let on_submit = Callback::new(move |_| {
        let memory = memory_offered && memory.get_untracked();
        let request = if schedule_on.get_untracked() {
            let Some(first) = first_run.get_untracked() else {
                return;
            };
            let Some(start) = Local.from_local_datetime(&first).earliest() else {
                return;
            };
            let repeat = repeat.get_untracked();
            Request::Scheduled(Schedule {
                id: editing.as_ref().map(|e| e.id.clone()).unwrap_or_default(),
                name: name.get_untracked().trim().to_string(),
                description: description.get_untracked(),
                vm_id: vm_for_submit.id.clone(),
                start: start.to_utc(),
                rule: rule_for(&repeat, first),
                time_zone: browser_time_zone(),
                keep: if repeat == Repeat::None {
                    1
                } else {
                    keep_value.get_untracked().unwrap_or(3)
                },
                paused: editing.as_ref().is_some_and(|e| e.paused),
                memory,
                disks: disks.get_untracked(),
                next_run: None,
                last_run: None,
                produced: editing
                    .as_ref()
                    .map(|e| e.produced.clone())
                    .unwrap_or_default(),
                pinned: editing
                    .as_ref()
                    .map(|e| e.pinned.clone())
                    .unwrap_or_default(),
            })
        } else {
            Request::Now(NewSnapshot {
                name: name.get_untracked().trim().to_string(),
                description: description.get_untracked(),
                disks: disks.get_untracked(),
                memory,
                failure_deadline: deadline_offered
                    .then(|| deadline_seconds.get_untracked())
                    .flatten(),
            })
        };
        send.dispatch((vm_for_submit.clone(), request));
    });
    let name_help = match backend_kind {
        BackendKind::Ovirt => {
            "The snapshot's description in oVirt; any letters, up to 4000 characters."
        }
        BackendKind::Kubevirt => "Lowercase letters, digits and '-', up to 63 characters.",
    };
    let memory_note = match (&caps.memory_snapshots, vm.status.is_running()) {
        (Err(reason), _) => Some(reason.clone()),
        (Ok(()), false) => Some("Memory is saved only for a running VM.".to_string()),
        (Ok(()), true) => None,
    };
    let vm_for_remarks = vm.clone();
    let warnings = move || {
        remarks(backend_kind, &vm_for_remarks, &disks.get(), memory_offered && memory.get())
            .into_iter()
            .map(|r| view! {
                <div class="pf-v6-c-alert pf-m-warning pf-m-inline pf-m-plain vms-remark" role="status">
                    <p class="pf-v6-c-alert__title">{r.title}</p>
                    <div class="pf-v6-c-alert__description">{r.body}</div>
                </div>
            })
            .collect_view()
    };
    let disk_rows = vm.disks.clone();
    let is_edit = edit.is_some();
    let custom_text = RwSignal::new(
        custom_rule
            .clone()
            .unwrap_or_else(|| "0 2 * * 1-5".to_string()),
    );
    let rule_error = Signal::derive(move || match repeat.get() {
        Repeat::Custom(r) if schedule_on.get() => parse_rule(&r).err(),
        _ => None,
    });
    let valid = Signal::derive(move || {
        name_error.get().is_none()
            && when_error.get().is_none()
            && keep_error.get().is_none()
            && rule_error.get().is_none()
            && (!deadline_offered || schedule_on.get() || deadline_error.get().is_none())
    });
    let submit_label = Signal::derive(move || {
        if is_edit {
            "Save".to_string()
        } else if schedule_on.get() {
            "Schedule".to_string()
        } else {
            "Take snapshot".to_string()
        }
    });
    let title = match &edit {
        Some(e) => format!("Edit schedule {}", e.name),
        None => format!("Take snapshot of {}", vm.name),
    };

    view! {
        <Modal
            title
            submit_label
            valid
            pending=send.pending()
            error
            on_submit
            on_close
        >
            <Field label="Name" id="vms-snapshot-name" required=true error=name_error help=name_help>
                <span class="pf-v6-c-form-control" class:pf-m-error=move || name_error.get().is_some()>
                    <input id="vms-snapshot-name" type="text" required readonly=name_fixed
                        aria-invalid=move || name_error.get().is_some().to_string()
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </span>
            </Field>
            <Field label="Description" id="vms-snapshot-description">
                <span class="pf-v6-c-form-control pf-m-textarea">
                    <textarea id="vms-snapshot-description" rows="2"
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </span>
            </Field>
            <section class="pf-v6-c-form__section" role="group" aria-labelledby="vms-disks-title">
                <div class="pf-v6-c-form__section-title" id="vms-disks-title">"Disks"</div>
                <div class="pf-v6-c-form__group" role="radiogroup" aria-labelledby="vms-disks-title">
                    <div class="pf-v6-c-form__group-control pf-m-stack">
                        <div class="pf-v6-c-radio">
                            <input class="pf-v6-c-radio__input" type="radio" id="vms-disks-all" name="vms-disks"
                                prop:checked=move || !select_disks.get() on:change=move |_| select_disks.set(false) />
                            <label class="pf-v6-c-radio__label" for="vms-disks-all">"All disks"</label>
                        </div>
                        {match &caps.disk_subset {
                            Ok(()) => view! {
                                <div class="pf-v6-c-radio">
                                    <input class="pf-v6-c-radio__input" type="radio" id="vms-disks-some" name="vms-disks"
                                        prop:checked=move || select_disks.get() on:change=move |_| select_disks.set(true) />
                                    <label class="pf-v6-c-radio__label" for="vms-disks-some">"Select disks"</label>
                                </div>
                            }.into_any(),
                            Err(reason) => helper(reason.clone()).into_any(),
                        }}
                    </div>
                </div>
                <div class="pf-v6-c-form__group">
                    <ul class="pf-v6-c-form__group-control pf-m-stack vms-disk-list" aria-label="Disks of the VM">
                        {disk_rows.into_iter().map(|d| {
                            let id = d.id.clone();
                            let checkbox_id = format!("vms-disk-{}", d.id);
                            let label = format!("{}{}", d.name, d.size_bytes.map(|s| format!(" ({})", format::bytes(s))).unwrap_or_default());
                            let snapshottable = d.snapshottable;
                            let toggled = id.clone();
                            view! {
                                <li class="pf-v6-c-check">
                                    <input class="pf-v6-c-check__input" type="checkbox" id=checkbox_id.clone()
                                        disabled=move || !snapshottable || !select_disks.get() || !subset_offered
                                        prop:checked=move || snapshottable && chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| { c.retain(|x| x != &toggled); if on { c.push(toggled.clone()) } });
                                        } />
                                    <label class="pf-v6-c-check__label" for=checkbox_id>{label}</label>
                                    {d.reason.map(|r| view! { <span class="pf-v6-c-check__description">{r}</span> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            </section>
            <section class="pf-v6-c-form__section" role="group" aria-labelledby="vms-memory-title">
                <div class="pf-v6-c-form__section-title" id="vms-memory-title">"Memory"</div>
                <div class="pf-v6-c-form__group">
                    <div class="pf-v6-c-form__group-control">
                        {if memory_offered {
                            view! {
                                <div class="pf-v6-c-check">
                                    <input class="pf-v6-c-check__input" type="checkbox" id="vms-snapshot-memory"
                                        prop:checked=move || memory.get()
                                        on:change=move |ev| memory.set(event_target_checked(&ev)) />
                                    <label class="pf-v6-c-check__label" for="vms-snapshot-memory">"Include memory"</label>
                                </div>
                            }.into_any()
                        } else {
                            memory_note.map(helper).into_any()
                        }}
                    </div>
                </div>
            </section>
            {deadline_offered.then(|| view! {
                <Show when=move || !schedule_on.get()>
                    <Field label="Failure deadline" id="vms-snapshot-deadline" error=deadline_error
                        help="The snapshot is marked failed if it is not done in this time. 0: no limit.".to_string()>
                        <div class="pf-v6-c-input-group">
                            <div class="pf-v6-c-input-group__item pf-m-fill">
                                <span class="pf-v6-c-form-control" class:pf-m-error=move || deadline_error.get().is_some()>
                                    <input id="vms-snapshot-deadline" type="number" min="0" step="1" inputmode="numeric"
                                        aria-invalid=move || deadline_error.get().is_some().to_string()
                                        prop:value=move || deadline_text.get()
                                        on:input=move |ev| deadline_text.set(event_target_value(&ev)) />
                                </span>
                            </div>
                            <div class="pf-v6-c-input-group__item">
                                <span class="pf-v6-c-form-control">
                                    <select aria-label="Failure deadline unit"
                                        on:change=move |ev| deadline_unit.set(event_target_value(&ev).parse().unwrap_or(60))>
                                        <option value="1">"seconds"</option>
                                        <option value="60" selected>"minutes"</option>
                                        <option value="3600">"hours"</option>
                                    </select>
                                </span>
                            </div>
                        </div>
                    </Field>
                </Show>
            })}
            {match scheduling {
                Err(reason) => view! {
                    <section class="pf-v6-c-form__section" role="group" aria-labelledby="vms-schedule-title">
                        <div class="pf-v6-c-form__section-title" id="vms-schedule-title">"Schedule"</div>
                        {helper(reason)}
                    </section>
                }.into_any(),
                Ok(()) => view! {
                    <section class="pf-v6-c-form__section" role="group" aria-labelledby="vms-schedule-title">
                    <div class="pf-v6-c-form__section-title" id="vms-schedule-title">"Schedule"</div>
                    <div class="pf-v6-c-form__group">
                        <div class="pf-v6-c-check">
                            <input class="pf-v6-c-check__input" type="checkbox" id="vms-schedule" disabled=is_edit
                                prop:checked=move || schedule_on.get()
                                on:change=move |ev| schedule_on.set(event_target_checked(&ev)) />
                            <label class="pf-v6-c-check__label" for="vms-schedule">"Schedule snapshot for…"</label>
                        </div>
                    </div>
                    <Show when=move || schedule_on.get()>
                        <div class="pf-v6-c-form">
                            <Field label="Date" id="vms-schedule-date" required=true error=when_error>
                                <span class="pf-v6-c-form-control">
                                    <input id="vms-schedule-date" type="date" prop:value=move || date.get()
                                        on:input=move |ev| date.set(event_target_value(&ev)) />
                                </span>
                            </Field>
                            <Field label="Time" id="vms-schedule-time" required=true>
                                <span class="pf-v6-c-form-control">
                                    <input id="vms-schedule-time" type="time" prop:value=move || time.get()
                                        on:input=move |ev| time.set(event_target_value(&ev)) />
                                </span>
                            </Field>
                            <Field label="Repeat" id="vms-schedule-repeat">
                                <span class="pf-v6-c-form-control">
                                    <select id="vms-schedule-repeat" on:change=move |ev| {
                                        let chosen_kind = event_target_value(&ev);
                                        repeat.set(match chosen_kind.as_str() {
                                            "none" => Repeat::None,
                                            "daily" => Repeat::Daily,
                                            "monthly" => Repeat::Monthly,
                                            "custom" => Repeat::Custom(custom_text.get_untracked()),
                                            _ => Repeat::Weekly,
                                        });
                                    }>
                                        {move || {
                                            let day = first_run.get().map(|f| f.date()).unwrap_or(start.date());
                                            repeat_options(day, None).into_iter().chain([(Repeat::Custom(custom_text.get()), "Custom rule…".to_string())]).map(|(r, label)| {
                                                let value = match r { Repeat::None => "none", Repeat::Daily => "daily", Repeat::Weekly => "weekly", Repeat::Monthly => "monthly", Repeat::Custom(_) => "custom" };
                                                let selected = match (&repeat.get(), &r) { (Repeat::Custom(_), Repeat::Custom(_)) => true, (x, y) => x == y };
                                                view! { <option value=value selected=selected>{label}</option> }
                                            }).collect_view()
                                        }}
                                    </select>
                                </span>
                            </Field>
                            <Show when=move || matches!(repeat.get(), Repeat::Custom(_))>
                                <Field label="Rule" id="vms-schedule-rule" error=rule_error
                                    help="Five fields: minute hour day-of-month month day-of-week, as in cron.">
                                    <span class="pf-v6-c-form-control">
                                        <input id="vms-schedule-rule" type="text" prop:value=move || custom_text.get()
                                            on:input=move |ev| {
                                                let v = event_target_value(&ev);
                                                custom_text.set(v.clone());
                                                repeat.set(Repeat::Custom(v));
                                            } />
                                    </span>
                                </Field>
                            </Show>
                            <Field label="Keep the last N snapshots" id="vms-schedule-keep" error=keep_error
                                help="The backup instances: older ones are deleted.">
                                <span class="pf-v6-c-form-control">
                                    <input id="vms-schedule-keep" type="number" min="1" max="100"
                                        disabled=move || repeat.get() == Repeat::None
                                        prop:value=move || keep.get()
                                        on:input=move |ev| keep.set(event_target_value(&ev)) />
                                </span>
                            </Field>
                            <div class="pf-v6-c-helper-text" aria-live="polite">
                                <div class="pf-v6-c-helper-text__item">
                                    <span class="pf-v6-c-helper-text__item-text" data-runs="">{move || runs.get()}</span>
                                </div>
                                <Show when=move || repeat.get() != Repeat::None>
                                    <div class="pf-v6-c-helper-text__item">
                                        <span class="pf-v6-c-helper-text__item-text" data-prune="">{move || prune_sentence.get()}</span>
                                    </div>
                                </Show>
                            </div>
                        </div>
                    </Show>
                    </section>
                }.into_any(),
            }}
            {warnings}
        </Modal>
    }
}

/// A note under a field or a section, in PatternFly's helper text.
fn helper(text: String) -> impl IntoView {
    view! {
        <div class="pf-v6-c-helper-text">
            <div class="pf-v6-c-helper-text__item">
                <span class="pf-v6-c-helper-text__item-text">{text}</span>
            </div>
        </div>
    }
}
