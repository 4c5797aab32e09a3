//! Moving focus to a step's heading when it appears, so that after a client-side step a
//! screen reader announces the new question or insight.

use leptos::html::H1;
use leptos::prelude::*;

/// A heading reference that takes focus once it is mounted.
pub fn focused_heading() -> NodeRef<H1> {
    let heading = NodeRef::<H1>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    heading
}
