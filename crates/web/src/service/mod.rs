//! What the platform does, apart from how it is asked: plain functions that the JSON API and
//! the pages both call, so each rule and each permission check is written once.
//!
//! Every function takes the state, the caller and a typed input, and answers with an
//! [`ApiError`](crate::ApiError) when it refuses; the API sends that as a problem document,
//! the pages show it next to the form that caused it.

pub mod agreement_drafts;
pub mod alerts;
pub mod applications;
pub mod credentials;
pub mod engineers;
pub mod evidence;
pub mod fees;
pub mod holder;
pub mod issuing;
pub mod notifications;
pub mod recognition;
pub mod referees;
pub mod register;
pub mod roster;
pub mod roster_jobs;
pub mod signup;
pub mod users;
pub mod vc_api;
