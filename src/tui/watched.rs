//! A test backend that tells its owner about every finished frame: tests
//! read the frames the real event loop draws, benchmarks time them. (Only
//! ratatui's `TestBackend` underneath: nothing reaches a terminal.)

use ratatui::backend::{Backend, ClearType, TestBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};

/// [`TestBackend`] that calls `on_flush` with itself after each frame.
pub struct WatchedBackend<F: FnMut(&TestBackend)> {
    inner: TestBackend,
    on_flush: F,
}

impl<F: FnMut(&TestBackend)> WatchedBackend<F> {
    pub fn new(width: u16, height: u16, on_flush: F) -> Self {
        WatchedBackend { inner: TestBackend::new(width, height), on_flush }
    }

    pub fn inner(&self) -> &TestBackend {
        &self.inner
    }
}

impl<F: FnMut(&TestBackend)> Backend for WatchedBackend<F> {
    type Error = <TestBackend as Backend>::Error;
    fn draw<'a, I: Iterator<Item = (u16, u16, &'a Cell)>>(&mut self, content: I) -> Result<(), Self::Error> {
        self.inner.draw(content)
    }
    fn hide_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.hide_cursor()
    }
    fn show_cursor(&mut self) -> Result<(), Self::Error> {
        self.inner.show_cursor()
    }
    fn get_cursor_position(&mut self) -> Result<Position, Self::Error> {
        self.inner.get_cursor_position()
    }
    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> Result<(), Self::Error> {
        self.inner.set_cursor_position(position)
    }
    fn clear(&mut self) -> Result<(), Self::Error> {
        self.inner.clear()
    }
    fn clear_region(&mut self, clear_type: ClearType) -> Result<(), Self::Error> {
        self.inner.clear_region(clear_type)
    }
    fn size(&self) -> Result<Size, Self::Error> {
        self.inner.size()
    }
    fn window_size(&mut self) -> Result<WindowSize, Self::Error> {
        self.inner.window_size()
    }
    fn flush(&mut self) -> Result<(), Self::Error> {
        (self.on_flush)(&self.inner);
        self.inner.flush()
    }
}
