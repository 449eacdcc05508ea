//! Loading a whole register at once, and reading back what new entries may refer to.

use crate::write::Write;
use crate::{Page, Result, Store, StoreError};
use crate::{activities, agreements, fellows, frameworks, societies, specialties};
use serde_json::json;
use wanqiao_domain::Catalogue;
use wanqiao_domain::dataset::Dataset;

impl Store {
    /// Writes a checked data set in one audited transaction of its own.
    pub async fn load_dataset(&self, data: &Dataset) -> Result<()> {
        let mut w = self.write("system", jiff::Timestamp::now()).await?;
        w.load_dataset(data).await?;
        w.commit().await
    }
}

impl Write {
    /// Writes a checked data set: all of it or, on any error, nothing. Only an empty register
    /// takes one, so a data set never mixes with live data.
    pub async fn load_dataset(&mut self, data: &Dataset) -> Result<()> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM societies")
            .fetch_one(self.conn())
            .await?;
        if n > 0 {
            return Err(StoreError::Conflict(
                "the register already holds data; a data set loads only into an empty database"
                    .into(),
            ));
        }
        let tx = self.conn();
        for s in &data.societies {
            societies::insert(&mut *tx, s).await?;
        }
        for s in &data.specialties {
            specialties::insert(&mut *tx, s).await?;
        }
        for f in &data.frameworks {
            frameworks::insert(&mut *tx, f).await?;
        }
        for a in &data.agreements {
            agreements::insert(&mut *tx, a).await?;
        }
        for f in &data.fellows {
            fellows::insert(&mut *tx, f).await?;
        }
        for a in &data.activities {
            activities::insert(&mut *tx, a).await?;
        }
        let counts = json!({
            "societies": data.societies.len(),
            "specialties": data.specialties.len(),
            "frameworks": data.frameworks.len(),
            "agreements": data.agreements.len(),
            "fellows": data.fellows.len(),
            "activities": data.activities.len(),
        });
        self.audit("register.load", "register", counts).await
    }
}

impl Store {
    /// Societies, specialties and frameworks as they stand, to check agreements against.
    pub async fn catalogue(&self) -> Result<Catalogue> {
        let filter = societies::SocietyFilter::default();
        Ok(Catalogue::new(
            self.societies(&filter, Page::ALL).await?.items,
            self.specialties(Page::ALL).await?.items,
            self.frameworks(Page::ALL).await?.items,
        ))
    }
}
