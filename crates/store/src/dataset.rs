//! Loading a whole register at once, and reading back what new entries may refer to.

use crate::{Page, Result, Store, StoreError};
use crate::{activities, agreements, fellows, frameworks, societies, specialties};
use wanqiao_domain::Catalogue;
use wanqiao_domain::dataset::Dataset;

impl Store {
    /// Writes a checked data set in one transaction: all of it or, on any error, nothing.
    pub async fn load_dataset(&self, data: &Dataset) -> Result<()> {
        if !self.is_empty().await? {
            return Err(StoreError::Conflict(
                "the register already holds data; a data set loads only into an empty database"
                    .into(),
            ));
        }
        let mut tx = self.pool.begin().await?;
        for s in &data.societies {
            societies::insert(&mut tx, s).await?;
        }
        for s in &data.specialties {
            specialties::insert(&mut tx, s).await?;
        }
        for f in &data.frameworks {
            frameworks::insert(&mut tx, f).await?;
        }
        for a in &data.agreements {
            agreements::insert(&mut tx, a).await?;
        }
        for f in &data.fellows {
            fellows::insert(&mut tx, f).await?;
        }
        for a in &data.activities {
            activities::insert(&mut tx, a).await?;
        }
        tx.commit().await?;
        Ok(())
    }

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
