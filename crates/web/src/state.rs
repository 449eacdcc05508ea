use crate::I18n;
use std::sync::Arc;
use wanqiao_store::Store;

/// What every request needs; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub i18n: Arc<I18n>,
}

impl AppState {
    pub fn new(store: Store) -> AppState {
        AppState {
            store,
            i18n: Arc::new(I18n::new()),
        }
    }
}
