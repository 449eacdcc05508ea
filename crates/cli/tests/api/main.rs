//! Black-box tests: the real server on a random port, a fresh database per test, HTTP only.
//! Every test runs on SQLite, and also on PostgreSQL when `WANQIAO_TEST_POSTGRES_URL` is set.

mod access;
mod admin_pages;
mod alerts_fees;
mod application_pages;
mod applications;
mod auth;
mod certificates;
mod cli;
mod clocks;
mod credentials;
mod dashboards;
mod design;
mod evidence;
mod helpers;
mod impact_stored;
mod pages;
mod portal_pages;
mod public_register;
mod query_counts;
mod recognition;
mod register;
mod register_pages;
mod register_write;
mod roster;
mod roster_demo;
mod roster_page;
mod search;
mod storage;
mod tls;
mod vc_api;
