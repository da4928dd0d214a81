//! rroom: a terminal reading room for news articles.
//!
//! The domain (`corpus`, `entities`) knows nothing about terminals; `tui`
//! is the terminal front and `cli` the command-line one, both over the same
//! functions.

pub mod cli;
pub mod config;
pub mod corpus;
pub mod dedup;
pub mod entities;
pub mod library;
pub mod notes;
pub mod search;
pub mod text;
pub mod tui;
pub mod union_find;
pub mod watch;
