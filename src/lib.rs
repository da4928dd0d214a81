//! rroom: a terminal reading room for news articles.
//!
//! The domain (`corpus`, `entities`) knows nothing about terminals; `tui`
//! is the terminal front and `cli` the command-line one, both over the same
//! functions.

pub mod corpus;
