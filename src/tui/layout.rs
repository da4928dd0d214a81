//! Where the panes go for a terminal size: three panes from 100 columns, two
//! from 70, one at a time below that; a "too small" screen below 20×6.

use ratatui::layout::Rect;

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    List,
    Reader,
    Sidebar,
}

impl Pane {
    pub const ORDER: [Pane; 3] = [Pane::List, Pane::Reader, Pane::Sidebar];

    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "Articles",
            Pane::Reader => "Reader",
            Pane::Sidebar => "Entities",
        }
    }

    pub fn next(self) -> Pane {
        match self {
            Pane::List => Pane::Reader,
            Pane::Reader => Pane::Sidebar,
            Pane::Sidebar => Pane::List,
        }
    }

    pub fn prev(self) -> Pane {
        match self {
            Pane::List => Pane::Sidebar,
            Pane::Reader => Pane::List,
            Pane::Sidebar => Pane::Reader,
        }
    }
}

pub const MIN_WIDTH: u16 = 20;
pub const MIN_HEIGHT: u16 = 6;
pub const THREE_PANES: u16 = 100;
pub const TWO_PANES: u16 = 70;
const SIDEBAR_WIDTH: u16 = 28;

/// The rectangles of one frame. A pane that is not shown has no rectangle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    pub sidebar: Option<Rect>,
    pub status: Rect,
    pub too_small: bool,
}

impl Panes {
    pub fn get(&self, pane: Pane) -> Option<Rect> {
        match pane {
            Pane::List => self.list,
            Pane::Reader => self.reader,
            Pane::Sidebar => self.sidebar,
        }
    }

    /// How many panes are on screen.
    pub fn shown(&self) -> usize {
        [self.list, self.reader, self.sidebar].iter().filter(|p| p.is_some()).count()
    }
}

/// Splits the screen for a size and the focused pane.
pub fn compute(area: Rect, focus: Pane) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes { too_small: true, status: area, ..Panes::default() };
    }
    let status = Rect { x: area.x, y: area.y + area.height - 1, width: area.width, height: 1 };
    let body = Rect { height: area.height - 1, ..area };
    let col = |x: u16, width: u16| Rect { x: body.x + x, y: body.y, width, height: body.height };
    let w = body.width;
    let mut panes = Panes { status, ..Panes::default() };
    if w >= THREE_PANES {
        let list_w = (w * 30 / 100).clamp(28, 48);
        let reader_w = w - list_w - SIDEBAR_WIDTH;
        panes.list = Some(col(0, list_w));
        panes.reader = Some(col(list_w, reader_w));
        panes.sidebar = Some(col(list_w + reader_w, SIDEBAR_WIDTH));
    } else if w >= TWO_PANES {
        if focus == Pane::Sidebar {
            let reader_w = w - SIDEBAR_WIDTH;
            panes.reader = Some(col(0, reader_w));
            panes.sidebar = Some(col(reader_w, SIDEBAR_WIDTH));
        } else {
            let list_w = w * 36 / 100;
            panes.list = Some(col(0, list_w));
            panes.reader = Some(col(list_w, w - list_w));
        }
    } else {
        let whole = col(0, w);
        match focus {
            Pane::List => panes.list = Some(whole),
            Pane::Reader => panes.reader = Some(whole),
            Pane::Sidebar => panes.sidebar = Some(whole),
        }
    }
    panes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pane_counts_by_width() {
        let at = |w, h, f| compute(Rect::new(0, 0, w, h), f);
        assert_eq!(at(120, 40, Pane::List).shown(), 3);
        assert_eq!(at(100, 30, Pane::List).shown(), 3);
        assert_eq!(at(80, 24, Pane::List).shown(), 2);
        assert!(at(80, 24, Pane::Sidebar).sidebar.is_some());
        assert_eq!(at(60, 24, Pane::Reader).shown(), 1);
        assert!(at(60, 24, Pane::Reader).reader.is_some());
        assert!(at(19, 24, Pane::List).too_small);
        assert!(at(80, 5, Pane::List).too_small);
    }

    #[test]
    fn panes_stay_inside_the_screen() {
        for w in [0, 1, 20, 69, 70, 99, 100, 500] {
            for h in [0, 1, 6, 24, 200] {
                for f in Pane::ORDER {
                    let area = Rect::new(0, 0, w, h);
                    let p = compute(area, f);
                    for r in [p.list, p.reader, p.sidebar].into_iter().flatten() {
                        assert_eq!(area.intersection(r), r);
                    }
                    assert_eq!(area.intersection(p.status), p.status);
                }
            }
        }
    }
}
