//! The oVirt REST API v4 at `/ovirt-engine/api`, in XML or (with `Accept: application/json`)
//! its JSON form.

use crate::doc::{render, render_collection, Format, Obj};
use crate::world::{OvirtDisk, OvirtSnapshot, OvirtVm, World};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::collections::HashMap;

pub const BASE: &str = "/ovirt-engine/api";

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/vms", get(list_vms))
        .route("/vms/{id}", get(get_vm))
        .route("/vms/{id}/snapshots", get(list_snapshots))
        .route("/vms/{id}/snapshots/{sid}", get(get_snapshot))
        .route("/vms/{id}/snapshots/{sid}/disks", get(snapshot_disks))
        .route("/vms/{id}/diskattachments", get(disk_attachments))
        .route("/disks/{id}", get(get_disk))
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
    o.bool("next_run_configuration_exists", false)
        .str("status", &vm.status)
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

fn snapshot_disks_objs(vm: &OvirtVm, s: &OvirtSnapshot) -> Vec<Obj> {
    s.disks
        .iter()
        .filter_map(|(disk_id, image_id)| {
            let disk = vm.disks.iter().find(|d| &d.id == disk_id)?;
            Some(disk_obj(disk, image_id, Some(&s.id)))
        })
        .collect()
}

pub fn snapshot_obj(vm: &OvirtVm, s: &OvirtSnapshot, follow_disks: bool) -> Obj {
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
        o = o.coll("disks", "disk", snapshot_disks_objs(vm, s));
    }
    if !is_active {
        // A snapshot holds the VM configuration of its time.
        o = o.obj("vm", embedded_vm_obj(vm));
    }
    o
}

fn follows(query: &HashMap<String, String>, what: &str) -> bool {
    query
        .get("follow")
        .is_some_and(|f| f.split(',').any(|x| x.trim() == what))
}

// ---- handlers ----

fn with_vm(world: &World, id: &str) -> Option<OvirtVm> {
    world.ovirt.iter().find(|v| v.id == id).cloned()
}

async fn list_vms(State(app): State<AppState>, headers: HeaderMap) -> Response {
    let world = app.world();
    let objs: Vec<Obj> = world.ovirt.iter().map(vm_obj).collect();
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

async fn list_snapshots(
    State(app): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let format = format_of(&headers);
    let Some(vm) = with_vm(&app.world(), &id) else {
        return missing_vm(format, &id);
    };
    let follow = follows(&query, "disks");
    let objs: Vec<Obj> = vm
        .snapshots
        .iter()
        .map(|s| snapshot_obj(&vm, s, follow))
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
    let Some(vm) = with_vm(&app.world(), &id) else {
        return missing_vm(format, &id);
    };
    match vm.snapshots.iter().find(|s| s.id == sid) {
        Some(s) => ok(
            format,
            render(
                format,
                "snapshot",
                &snapshot_obj(&vm, s, follows(&query, "disks")),
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
    let Some(vm) = with_vm(&app.world(), &id) else {
        return missing_vm(format, &id);
    };
    match vm.snapshots.iter().find(|s| s.id == sid) {
        Some(s) => ok(
            format,
            render_collection(format, "disks", "disk", &snapshot_disks_objs(&vm, s)),
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
