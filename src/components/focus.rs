//! Focus helpers for the WAI-ARIA patterns the views follow: the elements of a container that
//! take focus, moving focus among them, and the element that had focus before.

use crate::model::format::lowercase;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// What can take focus inside a dialog, in document order.
const FOCUSABLE: &str = "input:not([disabled]), select:not([disabled]), textarea:not([disabled]), \
     button:not([disabled]), a[href], [tabindex]:not([tabindex='-1'])";

/// The focusable elements inside `container` that are shown.
pub fn focusables(container: &Element, selector: Option<&str>) -> Vec<HtmlElement> {
    let Ok(list) = container.query_selector_all(selector.unwrap_or(FOCUSABLE)) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .filter(|e| e.offset_parent().is_some() || e.get_client_rects().length() > 0)
        .collect()
}

/// The element that has focus now.
pub fn active() -> Option<HtmlElement> {
    web_sys::window()?
        .document()?
        .active_element()?
        .dyn_into::<HtmlElement>()
        .ok()
}

/// Focuses `element` if it is still in the document.
pub fn restore(element: &HtmlElement) {
    if element.is_connected() {
        let _ = element.focus();
    }
}

/// Which of `items` focus goes to for a key in a list (menu): `None` for a key that is no move.
/// `current` is the focused item's index; letters move to the next item starting with them.
pub fn next_index(key: &str, current: Option<usize>, labels: &[String]) -> Option<usize> {
    let n = labels.len();
    if n == 0 {
        return None;
    }
    match key {
        "ArrowDown" => Some(current.map_or(0, |i| (i + 1) % n)),
        "ArrowUp" => Some(current.map_or(n - 1, |i| (i + n - 1) % n)),
        "Home" => Some(0),
        "End" => Some(n - 1),
        k if k.chars().count() == 1 && k.chars().all(char::is_alphanumeric) => {
            let k = lowercase(k);
            let start = current.map_or(0, |i| i + 1);
            (0..n)
                .map(|o| (start + o) % n)
                .find(|&i| lowercase(labels[i].trim()).starts_with(&k))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::next_index;

    #[test]
    fn arrows_wrap_home_and_end_jump_letters_find_the_next_match() {
        let l: Vec<String> = ["Restore", "Create VM", "Create VM Template", "Delete"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(next_index("ArrowDown", None, &l), Some(0));
        assert_eq!(next_index("ArrowDown", Some(3), &l), Some(0));
        assert_eq!(next_index("ArrowUp", Some(0), &l), Some(3));
        assert_eq!(next_index("ArrowUp", None, &l), Some(3));
        assert_eq!(next_index("Home", Some(2), &l), Some(0));
        assert_eq!(next_index("End", Some(0), &l), Some(3));
        assert_eq!(next_index("c", Some(0), &l), Some(1));
        assert_eq!(next_index("c", Some(1), &l), Some(2));
        assert_eq!(next_index("C", Some(2), &l), Some(1));
        assert_eq!(next_index("x", Some(2), &l), None);
        assert_eq!(next_index("Tab", Some(2), &l), None);
        assert_eq!(next_index("ArrowDown", None, &[]), None);
    }
}
