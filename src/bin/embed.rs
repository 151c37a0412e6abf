//! The embeddable tab's wasm entry: `mountTab(element, options)` for `embed/vm-snapshots-tab.js`,
//! which defines `<vm-snapshots-tab>` and exports `mount`. See `vm_snapshots::embed`.

use vm_snapshots::embed::Embedded;
use wasm_bindgen::prelude::*;

/// A mounted tab, for the host: `update(options)` and `unmount()`.
#[wasm_bindgen]
pub struct TabHandle {
    tab: Embedded,
}

#[wasm_bindgen]
impl TabHandle {
    /// Shows the tab for new options (another VM or backend).
    pub fn update(&mut self, options: JsValue) {
        self.tab.update(&pairs(&options));
    }

    /// Takes the tab down: no request or timer of it runs afterwards.
    pub fn unmount(&mut self) {
        self.tab.unmount();
    }
}

/// Mounts the Snapshots tab of `options.vm` into `element`.
#[wasm_bindgen(js_name = mountTab)]
pub fn mount_tab(element: web_sys::HtmlElement, options: JsValue) -> TabHandle {
    TabHandle {
        tab: Embedded::mount(element, &pairs(&options)),
    }
}

/// An options object's own keys and their values as text (numbers and booleans as written;
/// `null` and `undefined` as absent).
fn pairs(options: &JsValue) -> Vec<(String, String)> {
    let Some(object) = options.dyn_ref::<js_sys::Object>() else {
        return Vec::new();
    };
    js_sys::Object::entries(object)
        .iter()
        .filter_map(|entry| {
            let entry = js_sys::Array::from(&entry);
            let key = entry.get(0).as_string()?;
            let value = entry.get(1);
            if value.is_null() || value.is_undefined() {
                return None;
            }
            let text = value
                .as_string()
                .or_else(|| value.as_f64().map(|n| n.to_string()))
                .or_else(|| value.as_bool().map(|b| b.to_string()))?;
            Some((key, text))
        })
        .collect()
}

fn main() {
    vm_snapshots::stopped::install(vm_snapshots::context::EMBEDDED_LAYER);
    vm_snapshots::heap::make_room();
}
