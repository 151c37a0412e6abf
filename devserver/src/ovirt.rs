//! The oVirt REST API v4 at `/ovirt-engine/api`, in XML or (with `Accept: application/json`)
//! its JSON form.

use crate::body::{Body, Item};
use crate::doc::{render, render_collection, Format, Obj};
use crate::ops::Refusal;
use crate::schedules::ScheduleSpec;
use crate::world::{
    DevSchedule, Held, Nic, OvirtDisk, OvirtSnapshot, OvirtTemplate, OvirtVm, ScheduleApi, World,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;

pub const BASE: &str = "/ovirt-engine/api";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/vms", get(list_vms).post(create_vm))
        .route("/vms/{id}", get(get_vm))
        .route(
            "/vms/{id}/snapshots",
            get(list_snapshots).post(create_snapshot),
        )
        .route(
            "/vms/{id}/snapshots/{sid}",
            get(get_snapshot).delete(delete_snapshot),
        )
        .route("/vms/{id}/snapshots/{sid}/disks", get(snapshot_disks))
        .route("/vms/{id}/snapshots/{sid}/nics", get(snapshot_nics))
        .route("/vms/{id}/nics", get(vm_nics))
        .route("/vms/{id}/snapshots/{sid}/restore", post(restore))
        .route("/vms/{id}/diskattachments", get(disk_attachments))
        .route(
            "/vms/{id}/snapshotschedules",
            get(list_schedules).post(create_schedule),
        )
        .route(
            "/vms/{id}/snapshotschedules/{sid}",
            get(get_schedule)
                .put(update_schedule)
                .delete(delete_schedule),
        )
        .route("/vms/{id}/{action}", post(vm_action))
        .route("/disks/{id}", get(get_disk))
        .route("/templates", get(list_templates).post(create_template))
        .route("/templates/{id}", get(get_template))
        .fallback(not_found)
}

/// The body format the client asked for.
pub fn format_of(headers: &HeaderMap) -> Format {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if accept.contains("json") {
        Format::Json
    } else {
        Format::Xml
    }
}

fn ok(format: Format, body: String) -> Response {
    ([(header::CONTENT_TYPE, format.content_type())], body).into_response()
}

/// A `<fault>` with the engine's reason and bracketed detail.
pub fn fault(format: Format, status: StatusCode, reason: &str, detail: &str) -> Response {
    let body = render(
        format,
        "fault",
        &Obj::new()
            .str("detail", &format!("[{detail}]"))
            .str("reason", reason),
    );
    (
        status,
        [(header::CONTENT_TYPE, format.content_type())],
        body,
    )
        .into_response()
}

async fn not_found(headers: HeaderMap) -> Response {
    fault(
        format_of(&headers),
        StatusCode::NOT_FOUND,
        "Not Found",
        "No such resource in the development backend",
    )
}

fn vm_href(id: &str) -> String {
    format!("{BASE}/vms/{id}")
}

fn missing_vm(format: Format, id: &str) -> Response {
    fault(
        format,
        StatusCode::NOT_FOUND,
        "Operation Failed",
        &format!("Entity not found: VM {id}"),
    )
}

// ---- serializers ----

/// A VM resource (`GET vms/{id}`), with its action and sub-collection links.
pub fn vm_obj(vm: &OvirtVm) -> Obj {
    let href = vm_href(&vm.id);
    let action = |rel: &str| (rel.to_string(), format!("{href}/{rel}"));
    vm_fields(
        Obj::new().href(href.clone()).id(&vm.id).actions(vec![
            action("previewsnapshot"),
            action("commitsnapshot"),
            action("undosnapshot"),
            action("clone"),
            action("start"),
            action("stop"),
            action("shutdown"),
        ]),
        vm,
        Some(vec![
            action("snapshots"),
            action("diskattachments"),
            action("nics"),
        ]),
    )
}

/// The VM configuration a snapshot holds: the same fields, no href, actions or links.
pub fn embedded_vm_obj(vm: &OvirtVm) -> Obj {
    vm_fields(Obj::new().id(&vm.id), vm, None)
}

fn vm_fields(o: Obj, vm: &OvirtVm, links: Option<Vec<(String, String)>>) -> Obj {
    let mut o = o
        .str("name", &vm.name)
        .str("description", &vm.description)
        .str("comment", "");
    let standalone = links.is_some();
    if let Some(links) = links {
        o = o.links(links);
    }
    let mut o = o
        .obj(
            "cpu",
            Obj::new().str("architecture", "x86_64").obj(
                "topology",
                Obj::new()
                    .num("cores", vm.cores)
                    .num("sockets", vm.sockets)
                    .num("threads", vm.threads),
            ),
        )
        .date("creation_time", vm.created)
        .bool("delete_protected", false)
        .num("memory", vm.memory)
        .obj("os", Obj::new().str("type", &vm.os))
        .bool("stateless", false)
        .str("type", "server");
    if vm.status == "up" && vm.guest_agent {
        o = o.str("fqdn", &format!("{}.example.com", vm.name)).obj(
            "guest_operating_system",
            Obj::new()
                .str("architecture", "x86_64")
                .str("distribution", &vm.os)
                .str("family", "Linux"),
        );
    }
    o = o
        .bool("next_run_configuration_exists", false)
        .str("status", &vm.status);
    if standalone {
        // The engine names the VM's cluster, which a VM made from a snapshot needs too.
        o = o.obj(
            "cluster",
            Obj::new()
                .href(format!("{BASE}/clusters/{}", vm.cluster))
                .id(&vm.cluster),
        );
    }
    o
}

pub fn disk_obj(disk: &OvirtDisk, image_id: &str, snapshot: Option<&str>) -> Obj {
    let mut o = Obj::new()
        .href(format!("{BASE}/disks/{}", disk.id))
        .id(&disk.id)
        .str("name", &disk.alias)
        .str("description", "")
        .num("actual_size", disk.actual_size)
        .str("alias", &disk.alias)
        .str("content_type", "data")
        .str("format", "cow")
        .str("image_id", image_id)
        .num("provisioned_size", disk.provisioned_size)
        .bool("shareable", disk.shareable)
        .bool("sparse", true)
        .str("status", "ok")
        .str("storage_type", &disk.storage_type);
    if let Some(sid) = snapshot {
        o = o.obj("snapshot", Obj::new().id(sid));
    }
    o
}

fn attachment_obj(vm: &OvirtVm, disk: &OvirtDisk, follow: bool) -> Obj {
    let disk_ref = if follow {
        disk_obj(disk, &disk.image_id, None)
    } else {
        Obj::new()
            .href(format!("{BASE}/disks/{}", disk.id))
            .id(&disk.id)
    };
    Obj::new()
        .href(format!("{}/diskattachments/{}", vm_href(&vm.id), disk.id))
        .id(&disk.id)
        .bool("active", true)
        .bool("bootable", disk.bootable)
        .str("interface", &disk.interface)
        .bool("pass_discard", false)
        .bool("read_only", false)
        .bool("uses_scsi_reservation", false)
        .obj("disk", disk_ref)
        .obj("vm", Obj::new().href(vm_href(&vm.id)).id(&vm.id))
}

fn snapshot_disks_objs(vm: &OvirtVm, s: &OvirtSnapshot, held: Option<&Held>) -> Vec<Obj> {
    s.disks
        .iter()
        .filter_map(|(disk_id, image_id)| {
            let disk = vm.disks.iter().find(|d| &d.id == disk_id)?;
            let provisioned_size = held
                .and_then(|h| h.disk_sizes.iter().find(|(d, _)| d == disk_id))
                .map(|(_, size)| *size)
                .unwrap_or(disk.provisioned_size);
            let at_the_time = OvirtDisk {
                provisioned_size,
                actual_size: layer_size(provisioned_size, image_id),
                ..disk.clone()
            };
            Some(disk_obj(&at_the_time, image_id, Some(&s.id)))
        })
        .collect()
}

/// The space a snapshot's volume (its layer of the disk) takes, as the engine's `actual_size`:
/// 5 to 40 % of the disk, in whole MiB, the same for the same volume every time.
pub fn layer_size(provisioned: u64, image_id: &str) -> u64 {
    let h = image_id.bytes().fold(0xcbf29ce484222325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100000001b3)
    });
    let mib = 1 << 20;
    (provisioned / 100 * (5 + h % 36)) / mib * mib
}

/// `vm` as a snapshot holding `held` keeps it: its CPUs and memory then (no snapshots).
fn as_held(vm: &OvirtVm, held: &Held) -> OvirtVm {
    OvirtVm {
        id: vm.id.clone(),
        name: vm.name.clone(),
        description: vm.description.clone(),
        cluster: vm.cluster.clone(),
        status: vm.status.clone(),
        guest_agent: vm.guest_agent,
        os: vm.os.clone(),
        memory: held.memory_bytes,
        sockets: held.sockets,
        cores: held.cores,
        threads: held.threads,
        created: vm.created,
        disks: Vec::new(),
        snapshots: Vec::new(),
    }
}

/// A NIC as the engine lists it, its vNIC profile (named after its network) followed.
fn nic_obj(vm_id: &str, n: &Nic, i: usize) -> Obj {
    let id = format!("{:08x}-0000-4000-8000-{:012x}", i + 1, vm_id.len() * 7 + i);
    Obj::new()
        .href(format!("{}/nics/{id}", vm_href(vm_id)))
        .id(&id)
        .str("name", &n.name)
        .str("interface", "virtio")
        .bool("linked", true)
        .bool("plugged", true)
        .obj(
            "vnic_profile",
            Obj::new()
                .id(&format!(
                    "{:08x}-1111-4000-8000-000000000000",
                    n.network.len()
                ))
                .str("name", &n.network),
        )
}

pub fn snapshot_obj(
    vm: &OvirtVm,
    s: &OvirtSnapshot,
    follow_disks: bool,
    held: Option<&Held>,
) -> Obj {
    let href = format!("{}/snapshots/{}", vm_href(&vm.id), s.id);
    let mut o = Obj::new()
        .href(href.clone())
        .id(&s.id)
        .actions(vec![("restore".into(), format!("{href}/restore"))])
        .str("description", &s.description);
    let is_active = s.kind.as_deref() == Some("active");
    if !is_active {
        o = o.links(vec![
            ("disks".into(), format!("{href}/disks")),
            ("nics".into(), format!("{href}/nics")),
            ("cdroms".into(), format!("{href}/cdroms")),
        ]);
    }
    o = o
        .date("date", s.date)
        .bool("persist_memorystate", s.persist_memory)
        .str("snapshot_status", &s.status);
    if let Some(kind) = &s.kind {
        o = o.str("snapshot_type", kind);
    }
    if follow_disks && !is_active {
        o = o.coll("disks", "disk", snapshot_disks_objs(vm, s, held));
    }
    if !is_active {
        // A snapshot holds the VM configuration of its time.
        o = o.obj(
            "vm",
            match held {
                Some(h) => embedded_vm_obj(&as_held(vm, h)),
                None => embedded_vm_obj(vm),
            },
        );
    }
    o
}

fn follows(query: &HashMap<String, String>, what: &str) -> bool {
    query
        .get("follow")
        .is_some_and(|f| f.split(',').any(|x| x.trim() == what))
}

// ---- handlers ----

/// The VM `id` and the configuration its snapshot `sid` holds, read under one lock.
fn vm_and_held(app: &AppState, id: &str, sid: &str) -> Option<(OvirtVm, Option<Held>)> {
    let world = app.world();
    with_vm(&world, id).map(|vm| (vm, world.held.get(sid).cloned()))
}

/// Whether `text` matches `pattern`, where `*` stands for any run of characters.
fn glob(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, rest)) => {
            let Some(text) = text.strip_prefix(head) else {
                return false;
            };
            (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .any(|i| glob(rest, &text[i..]))
        }
    }
}

fn with_vm(world: &World, id: &str) -> Option<OvirtVm> {
    world.ovirt.iter().find(|v| v.id == id).cloned()
}

/// `GET vms`, or with `search=name=<pattern>` the VMs of that name, as the engine's search
/// has it: any case, `*` for any run of characters. Other searches are not understood here and
/// list every VM.
async fn list_vms(
    State(app): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let world = app.world();
    let pattern = query
        .get("search")
        .and_then(|s| s.trim().strip_prefix("name="))
        .map(|p| p.trim().to_lowercase());
    let objs: Vec<Obj> = world
        .ovirt
        .iter()
        .filter(|vm| {
            pattern
                .as_deref()
                .is_none_or(|p| glob(p, &vm.name.to_lowercase()))
        })
        .map(vm_obj)
        .collect();
    ok(
        format_of(&headers),
        render_collection(format_of(&headers), "vms", "vm", &objs),
    )
}

async fn get_vm(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let format = format_of(&headers);
    match with_vm(&app.world(), &id) {
        Some(vm) => ok(format, render(format, "vm", &vm_obj(&vm))),
        None => missing_vm(format, &id),
    }
}

/// `GET vms/{id}/nics`: the VM's network interfaces now.
async fn vm_nics(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let format = format_of(&headers);
    let world = app.world();
    if with_vm(&world, &id).is_none() {
        drop(world);
        return missing_vm(format, &id);
    }
    let objs: Vec<Obj> = world
        .ovirt_nics(&id)
        .iter()
        .enumerate()
        .map(|(i, n)| nic_obj(&id, n, i))
        .collect();
    drop(world);
    ok(format, render_collection(format, "nics", "nic", &objs))
}

/// `GET vms/{id}/snapshots/{sid}/nics`: the network interfaces the snapshot holds.
async fn snapshot_nics(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((id, sid)): Path<(String, String)>,
) -> Response {
    let format = format_of(&headers);
    let world = app.world();
    let known = with_vm(&world, &id).map(|vm| vm.snapshots.iter().any(|s| s.id == sid));
    let nics = match world.held.get(&sid) {
        Some(h) => h.nics.clone(),
        None => world.ovirt_nics(&id),
    };
    drop(world);
    match known {
        None => missing_vm(format, &id),
        Some(false) => fault(
            format,
            StatusCode::NOT_FOUND,
            "Operation Failed",
            &format!("Entity not found: Snapshot {sid}"),
        ),
        Some(true) => {
            let objs: Vec<Obj> = nics
                .iter()
                .enumerate()
                .map(|(i, n)| nic_obj(&id, n, i))
                .collect();
            ok(format, render_collection(format, "nics", "nic", &objs))
        }
    }
}

async fn list_snapshots(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let format = format_of(&headers);
    let (vm, held) = {
        let world = app.world();
        (with_vm(&world, &id), world.held.clone())
    };
    let Some(vm) = vm else {
        return missing_vm(format, &id);
    };
    let follow = follows(&query, "disks");
    let objs: Vec<Obj> = vm
        .snapshots
        .iter()
        .map(|s| snapshot_obj(&vm, s, follow, held.get(&s.id)))
        .collect();
    ok(
        format,
        render_collection(format, "snapshots", "snapshot", &objs),
    )
}

async fn get_snapshot(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((id, sid)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let format = format_of(&headers);
    let Some((vm, held)) = vm_and_held(&app, &id, &sid) else {
        return missing_vm(format, &id);
    };
    match vm.snapshots.iter().find(|s| s.id == sid) {
        Some(s) => ok(
            format,
            render(
                format,
                "snapshot",
                &snapshot_obj(&vm, s, follows(&query, "disks"), held.as_ref()),
            ),
        ),
        None => fault(
            format,
            StatusCode::NOT_FOUND,
            "Operation Failed",
            &format!("Entity not found: Snapshot {sid}"),
        ),
    }
}

async fn snapshot_disks(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((id, sid)): Path<(String, String)>,
) -> Response {
    let format = format_of(&headers);
    let Some((vm, held)) = vm_and_held(&app, &id, &sid) else {
        return missing_vm(format, &id);
    };
    match vm.snapshots.iter().find(|s| s.id == sid) {
        Some(s) => ok(
            format,
            render_collection(
                format,
                "disks",
                "disk",
                &snapshot_disks_objs(&vm, s, held.as_ref()),
            ),
        ),
        None => fault(
            format,
            StatusCode::NOT_FOUND,
            "Operation Failed",
            &format!("Entity not found: Snapshot {sid}"),
        ),
    }
}

async fn disk_attachments(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let format = format_of(&headers);
    let Some(vm) = with_vm(&app.world(), &id) else {
        return missing_vm(format, &id);
    };
    let follow = follows(&query, "disk");
    let objs: Vec<Obj> = vm
        .disks
        .iter()
        .map(|d| attachment_obj(&vm, d, follow))
        .collect();
    ok(
        format,
        render_collection(format, "disk_attachments", "disk_attachment", &objs),
    )
}

async fn get_disk(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let format = format_of(&headers);
    let world = app.world();
    match world
        .ovirt
        .iter()
        .flat_map(|vm| vm.disks.iter())
        .find(|d| d.id == id)
    {
        Some(d) => ok(
            format,
            render(format, "disk", &disk_obj(d, &d.image_id, None)),
        ),
        None => fault(
            format,
            StatusCode::NOT_FOUND,
            "Operation Failed",
            &format!("Entity not found: Disk {id}"),
        ),
    }
}

// ---- changes ----

fn refused(format: Format, r: Refusal) -> Response {
    let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::BAD_REQUEST);
    let body = render(
        format,
        "fault",
        &Obj::new()
            .str("detail", &format!("[{}]", r.detail))
            .str("reason", &r.reason),
    );
    (
        status,
        [(header::CONTENT_TYPE, format.content_type())],
        body,
    )
        .into_response()
}

/// An action's answer: `<action><status>complete</status></action>`, or on refusal the fault
/// inside the action with `<status>failed</status>`, as the engine answers actions.
fn action_result(format: Format, result: Result<(), Refusal>) -> Response {
    match result {
        Ok(()) => ok(
            format,
            render(format, "action", &Obj::new().str("status", "complete")),
        ),
        Err(r) => {
            let status = StatusCode::from_u16(r.status).unwrap_or(StatusCode::CONFLICT);
            let fault = Obj::new()
                .str("detail", &format!("[{}]", r.detail))
                .str("reason", &r.reason);
            let body = render(
                format,
                "action",
                &Obj::new().obj("fault", fault).str("status", "failed"),
            );
            (
                status,
                [(header::CONTENT_TYPE, format.content_type())],
                body,
            )
                .into_response()
        }
    }
}

fn bad_body(format: Format, e: String) -> Response {
    fault(
        format,
        StatusCode::BAD_REQUEST,
        "Request syntactically incorrect.",
        &e,
    )
}

fn created(format: Format, name: &str, obj: &Obj, location: String) -> Response {
    (
        StatusCode::CREATED,
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (header::LOCATION, location),
        ],
        render(format, name, obj),
    )
        .into_response()
}

async fn create_snapshot(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    text: String,
) -> Response {
    let format = format_of(&headers);
    let body = match Body::parse(&text) {
        Ok(b) => b,
        Err(e) => return bad_body(format, e),
    };
    let (description, memory, disks) = body.with(|root| {
        let disks = root
            .items("disk_attachments", "disk_attachment")
            .map(|items| {
                items
                    .into_iter()
                    .filter_map(|a| a.child("disk").and_then(Item::id))
                    .collect::<Vec<_>>()
            });
        (
            root.text("description").unwrap_or_default(),
            root.flag("persist_memorystate").unwrap_or(true),
            disks,
        )
    });
    let result = app.mutate(|w, now, t| {
        let s = w.ovirt_create_snapshot(&id, &description, memory, disks, now, t)?;
        let vm = w.ovirt_vm(&id).cloned().expect("exists");
        Ok::<_, Refusal>(snapshot_obj(&vm, &s, false, w.held.get(&s.id)))
    });
    match result {
        Ok(obj) => {
            let location = obj.href.clone().unwrap_or_default();
            created(format, "snapshot", &obj, location)
        }
        Err(r) => refused(format, r),
    }
}

async fn delete_snapshot(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((id, sid)): Path<(String, String)>,
) -> Response {
    let format = format_of(&headers);
    match app.mutate(|w, now, t| w.ovirt_delete_snapshot(&id, &sid, now, t)) {
        Ok(()) => StatusCode::OK.into_response(),
        Err(r) => refused(format, r),
    }
}

async fn restore(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((id, sid)): Path<(String, String)>,
    text: String,
) -> Response {
    let format = format_of(&headers);
    let body = match Body::parse(&text) {
        Ok(b) => b,
        Err(e) => return bad_body(format, e),
    };
    // Omitted restore_memory means true, as in the engine.
    let memory = body.with(|root| root.flag("restore_memory").unwrap_or(true));
    let disks: Vec<String> = body.with(|root| {
        root.items("disks", "disk")
            .map(|items| items.into_iter().filter_map(Item::id).collect())
            .unwrap_or_default()
    });
    action_result(
        format,
        app.mutate(|w, now, t| w.ovirt_restore(&id, &sid, memory, disks, now, t)),
    )
}

async fn vm_action(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((id, action)): Path<(String, String)>,
    text: String,
) -> Response {
    let format = format_of(&headers);
    let body = match Body::parse(&text) {
        Ok(b) => b,
        Err(e) => return bad_body(format, e),
    };
    let result = match action.as_str() {
        "previewsnapshot" => {
            let (sid, disks) = body.with(|root| {
                let sid = root
                    .child("snapshot")
                    .and_then(Item::id)
                    .unwrap_or_default();
                let disks = root.items("disks", "disk").map(|items| {
                    items
                        .into_iter()
                        .filter_map(|d| {
                            let from = d
                                .child("snapshot")
                                .and_then(Item::id)
                                .unwrap_or_else(|| sid.clone());
                            Some((d.id()?, from))
                        })
                        .collect::<Vec<_>>()
                });
                (sid, disks)
            });
            app.mutate(|w, now, t| w.ovirt_preview(&id, &sid, disks, now, t))
        }
        "commitsnapshot" => app.mutate(|w, _, _| w.ovirt_commit(&id)),
        "undosnapshot" => {
            let seed_disks: Vec<OvirtDisk> = crate::seed::ovirt()
                .into_iter()
                .flat_map(|v| v.disks)
                .collect();
            app.mutate(|w, _, _| {
                let known: Vec<OvirtDisk> = w
                    .ovirt
                    .iter()
                    .flat_map(|v| v.disks.clone())
                    .chain(seed_disks)
                    .collect();
                w.ovirt_undo(&id, &known)
            })
        }
        "start" => app.mutate(|w, now, _| w.ovirt_start(&id, now)),
        "stop" | "shutdown" => app.mutate(|w, _, _| w.ovirt_stop(&id)),
        _ => return not_found(headers).await,
    };
    action_result(format, result)
}

async fn create_vm(State(app): State<AppState>, headers: HeaderMap, text: String) -> Response {
    let format = format_of(&headers);
    let body = match Body::parse(&text) {
        Ok(b) => b,
        Err(e) => return bad_body(format, e),
    };
    let (name, description, sid) = body.with(|root| {
        let sid = root
            .items("snapshots", "snapshot")
            .and_then(|s| s.into_iter().find_map(Item::id))
            .unwrap_or_default();
        (
            root.text("name").unwrap_or_default(),
            root.text("description").unwrap_or_default(),
            sid,
        )
    });
    if sid.is_empty() {
        return refused(format, Refusal { status: 400, reason: "Incomplete parameters".into(), detail: "Vm [snapshots.snapshot.id] required for add: the development backend makes VMs from snapshots only".into() });
    }
    match app.mutate(|w, now, t| w.ovirt_clone(&name, &description, &sid, now, t)) {
        Ok(vm) => created(format, "vm", &vm_obj(&vm), vm_href(&vm.id)),
        Err(r) => refused(format, r),
    }
}

fn template_obj(t: &OvirtTemplate) -> Obj {
    Obj::new()
        .href(format!("{BASE}/templates/{}", t.id))
        .id(&t.id)
        .str("name", &t.name)
        .str("description", &t.description)
        .str("status", &t.status)
        .obj("vm", Obj::new().href(vm_href(&t.vm)).id(&t.vm))
}

async fn create_template(
    State(app): State<AppState>,
    headers: HeaderMap,
    text: String,
) -> Response {
    let format = format_of(&headers);
    let body = match Body::parse(&text) {
        Ok(b) => b,
        Err(e) => return bad_body(format, e),
    };
    let (name, description, vm, sid) = body.with(|root| {
        let vm = root.child("vm");
        let sid = vm
            .and_then(|v| v.items("snapshots", "snapshot"))
            .and_then(|s| s.into_iter().find_map(Item::id))
            .unwrap_or_default();
        (
            root.text("name").unwrap_or_default(),
            root.text("description").unwrap_or_default(),
            vm.and_then(Item::id).unwrap_or_default(),
            sid,
        )
    });
    match app.mutate(|w, now, t| w.ovirt_template(&name, &description, &vm, &sid, now, t)) {
        Ok(t) => created(
            format,
            "template",
            &template_obj(&t),
            format!("{BASE}/templates/{}", t.id),
        ),
        Err(r) => refused(format, r),
    }
}

async fn list_templates(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let format = format_of(&headers);
    let objs: Vec<Obj> = app
        .world()
        .ovirt_templates
        .iter()
        .map(template_obj)
        .collect();
    ok(
        format,
        render_collection(format, "templates", "template", &objs),
    )
}

async fn get_template(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let format = format_of(&headers);
    match app.world().ovirt_templates.iter().find(|t| t.id == id) {
        Some(t) => ok(format, render(format, "template", &template_obj(t))),
        None => fault(
            format,
            StatusCode::NOT_FOUND,
            "Operation Failed",
            &format!("Entity not found: Template {id}"),
        ),
    }
}

// ---- snapshot schedules (the vm-snapshots extension resource, in oVirt's style) ----

pub fn schedule_obj(s: &DevSchedule) -> Obj {
    let href = format!("{}/snapshotschedules/{}", vm_href(&s.vm), s.id);
    let mut o = Obj::new()
        .href(href)
        .id(&s.id)
        .str("name", &s.name)
        .str("description", &s.description);
    if let Some(rule) = &s.rule {
        o = o.str("cron_expression", rule);
    }
    o = o
        .obj("time_zone", Obj::new().str("name", &s.time_zone))
        .date("start_time", s.start.fixed_offset())
        .num("max_snapshots", s.keep as u64)
        .bool("enabled", !s.paused)
        .bool("persist_memorystate", s.memory);
    if let Some(disks) = &s.disks {
        o = o.coll(
            "disk_attachments",
            "disk_attachment",
            disks
                .iter()
                .map(|d| Obj::new().obj("disk", Obj::new().id(d)))
                .collect(),
        );
    }
    if let Some(t) = s.next_run {
        o = o.date("next_run_time", t.fixed_offset());
    }
    if let Some(t) = s.last_run {
        o = o.date("last_run_time", t.fixed_offset());
    }
    let refs = |ids: &[String]| -> Vec<Obj> {
        ids.iter()
            .map(|id| {
                Obj::new()
                    .href(format!("{}/snapshots/{id}", vm_href(&s.vm)))
                    .id(id)
            })
            .collect()
    };
    o.coll("pinned_snapshots", "snapshot", refs(&s.pinned))
        .coll("snapshots", "snapshot", refs(&s.produced))
        .obj("vm", Obj::new().href(vm_href(&s.vm)).id(&s.vm))
}

pub fn schedule_spec(text: &str) -> Result<ScheduleSpec, String> {
    let body = Body::parse(text)?;
    body.with(|root| {
        let start = root.text("start_time").ok_or("start_time is required")?;
        let start = chrono::DateTime::parse_from_rfc3339(start.trim())
            .map(|d| d.to_utc())
            .or_else(|_| {
                start
                    .trim()
                    .parse::<i64>()
                    .ok()
                    .and_then(chrono::DateTime::from_timestamp_millis)
                    .ok_or(())
            })
            .map_err(|_| format!("start_time \"{start}\" is not a date"))?;
        Ok(ScheduleSpec {
            name: root.text("name").unwrap_or_default(),
            description: root.text("description").unwrap_or_default(),
            rule: root.text("cron_expression"),
            time_zone: root
                .child("time_zone")
                .and_then(|t| t.text("name"))
                .unwrap_or_else(|| "UTC".into()),
            start,
            keep: root
                .text("max_snapshots")
                .and_then(|k| k.trim().parse().ok())
                .unwrap_or(1),
            paused: !root.flag("enabled").unwrap_or(true),
            memory: root.flag("persist_memorystate").unwrap_or(false),
            disks: root
                .items("disk_attachments", "disk_attachment")
                .map(|items| {
                    items
                        .into_iter()
                        .filter_map(|a| a.child("disk").and_then(Item::id))
                        .collect()
                }),
            pinned: root
                .items("pinned_snapshots", "snapshot")
                .map(|items| items.into_iter().filter_map(Item::id).collect())
                .unwrap_or_default(),
        })
    })
}

async fn list_schedules(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let format = format_of(&headers);
    let world = app.world();
    if world.ovirt_vm(&id).is_none() {
        return missing_vm(format, &id);
    }
    let objs: Vec<Obj> = world
        .schedules_of(ScheduleApi::Ovirt, "", Some(&id))
        .into_iter()
        .map(schedule_obj)
        .collect();
    ok(
        format,
        render_collection(format, "snapshot_schedules", "snapshot_schedule", &objs),
    )
}

async fn get_schedule(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((id, sid)): Path<(String, String)>,
) -> Response {
    let format = format_of(&headers);
    let world = app.world();
    match world
        .schedules_of(ScheduleApi::Ovirt, "", Some(&id))
        .into_iter()
        .find(|s| s.id == sid)
    {
        Some(s) => ok(
            format,
            render(format, "snapshot_schedule", &schedule_obj(s)),
        ),
        None => fault(
            format,
            StatusCode::NOT_FOUND,
            "Operation Failed",
            &format!("Entity not found: Snapshot schedule {sid}"),
        ),
    }
}

async fn create_schedule(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    text: String,
) -> Response {
    let format = format_of(&headers);
    let spec = match schedule_spec(&text) {
        Ok(s) => s,
        Err(e) => return bad_body(format, e),
    };
    match app.mutate(|w, now, _| w.create_schedule(ScheduleApi::Ovirt, "", &id, spec, now)) {
        Ok(s) => {
            let obj = schedule_obj(&s);
            let location = obj.href.clone().unwrap_or_default();
            created(format, "snapshot_schedule", &obj, location)
        }
        Err(r) => refused(format, r),
    }
}

async fn update_schedule(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((_id, sid)): Path<(String, String)>,
    text: String,
) -> Response {
    let format = format_of(&headers);
    let spec = match schedule_spec(&text) {
        Ok(s) => s,
        Err(e) => return bad_body(format, e),
    };
    match app.mutate(|w, now, _| w.update_schedule(ScheduleApi::Ovirt, "", &sid, spec, now)) {
        Ok(s) => ok(
            format,
            render(format, "snapshot_schedule", &schedule_obj(&s)),
        ),
        Err(r) => refused(format, r),
    }
}

async fn delete_schedule(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path((_id, sid)): Path<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let format = format_of(&headers);
    let keep = query.get("keep_snapshots").is_some_and(|v| v == "true");
    match app.mutate(|w, now, t| w.delete_schedule(ScheduleApi::Ovirt, "", &sid, keep, now, t)) {
        Ok(_) => StatusCode::OK.into_response(),
        Err(r) => refused(format, r),
    }
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn a_search_pattern_matches_names_as_the_engine_does() {
        assert!(glob("db-primary-clone", "db-primary-clone"));
        assert!(!glob("db-primary", "db-primary-clone"));
        assert!(glob("db-*", "db-primary-clone"));
        assert!(glob("*clone", "db-primary-clone"));
        assert!(glob("*", ""));
        assert!(glob("d*-*-c*", "db-primary-clone"));
        assert!(!glob("*x*", "db-primary-clone"));
        assert!(glob("é*", "édition"));
    }
}
