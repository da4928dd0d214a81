//! Entities (people, organizations, places) mentioned in an article.
//! Temporary stub while the extractor is being written.

use std::ops::Range;

use crate::corpus::Article;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Organization,
    Place,
}

impl EntityKind {
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Organization, EntityKind::Place];

    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "People",
            EntityKind::Organization => "Organizations",
            EntityKind::Place => "Places",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    pub mentions: Vec<Range<usize>>,
}

impl Entity {
    pub fn count(&self) -> usize {
        self.mentions.len()
    }
}

pub fn extract(_article: &Article) -> Vec<Entity> {
    Vec::new()
}
