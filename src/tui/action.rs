//! The reading room's actions: declared once, in
//! [`crate::config::actions`], where config files and key tables read them.

pub use crate::config::actions::Action;
