//! Notes on articles that are never lost: a note is about a whole article, a
//! passage of it (anchored so that it survives edits of the text) or an
//! entity it names. Notes live in a SQLite store in the data directory; the
//! editor's autosaved drafts live there too.
//!
//! No terminal code lives here: the reading room and the command line are
//! both fronts over these functions.

pub mod anchor;
pub mod clock;
pub mod entity;
pub mod export;
pub mod model;
pub mod recovery;
mod session;
pub mod store;

pub use anchor::{AnchorState, Resolution, resolve};
pub use model::{Anchor, Draft, EntityRef, Filter, NewNote, Note, Target, parse_tags};
pub use session::new_session_id;
pub use store::{LeftOff, Mark, ReadingState, Store, StoreError};
