//! Accounts and the roles they hold.

use crate::codec::{self, code};
use crate::secret::new_id;
use crate::write::Write;
use crate::{Page, Paged, Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use std::collections::BTreeMap;
use wanqiao_domain::{Grant, Principal, Role};

/// An account as administrators see it; never its password hash.
#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub disabled: bool,
    pub has_password: bool,
    pub created_at: String,
    pub grants: Vec<Grant>,
}

/// What signing in needs to know about an email address.
#[derive(Debug, Clone)]
pub struct LoginRecord {
    pub user_id: String,
    pub password_hash: Option<String>,
    pub disabled: bool,
}

/// Narrows a list of users; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct UserFilter {
    /// Users holding a role in any of these societies.
    pub societies: Option<Vec<String>>,
    /// Part of an email address or name.
    pub query: Option<String>,
    /// The order of the list and whether it is reversed; `None` is by email.
    pub order: Option<(UserOrder, bool)>,
}

/// What a list of users can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserOrder {
    Email,
    Name,
    /// When the account was created.
    Created,
}

impl UserOrder {
    /// The `ORDER BY` list, from fixed column names only.
    fn sql(order: Option<(UserOrder, bool)>) -> String {
        let Some((by, descending)) = order else {
            return "u.email".to_string();
        };
        let dir = if descending { "DESC" } else { "ASC" };
        match by {
            UserOrder::Email => format!("u.email {dir}"),
            UserOrder::Name => format!("LOWER(u.display_name) {dir}, u.email"),
            UserOrder::Created => format!("u.created_at {dir}, u.email"),
        }
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    email: String,
    display_name: String,
    disabled_at: Option<String>,
    has_password: i64,
    created_at: String,
}

/// Email addresses compare without case and surrounding space.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

const COLUMNS: &str = "id, email, display_name, disabled_at,
    CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END AS has_password, created_at";

impl Store {
    pub async fn user(&self, id: &str) -> Result<Option<User>> {
        let row: Option<Row> = sqlx::query_as(sql!("SELECT {COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        let Some(row) = row else { return Ok(None) };
        let mut grants = self.grants_of(&[row.id.as_str()]).await?;
        Ok(Some(to_user(row, &mut grants)))
    }

    pub async fn user_id_by_email(&self, email: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
            .bind(normalize_email(email))
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.0))
    }

    pub async fn login_record(&self, email: &str) -> Result<Option<LoginRecord>> {
        let row: Option<(String, Option<String>, Option<String>)> =
            sqlx::query_as("SELECT id, password_hash, disabled_at FROM users WHERE email = $1")
                .bind(normalize_email(email))
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(user_id, password_hash, disabled)| LoginRecord {
            user_id,
            password_hash,
            disabled: disabled.is_some(),
        }))
    }

    /// By email, unless the filter asks for another order.
    pub async fn users(&self, filter: &UserFilter, page: Page) -> Result<Paged<User>> {
        let societies = filter.societies.clone().unwrap_or_default();
        if filter.societies.is_some() && societies.is_empty() {
            return Ok(Paged {
                items: Vec::new(),
                total: 0,
            });
        }
        let scope = if societies.is_empty() {
            String::new()
        } else {
            format!(
                "AND EXISTS (SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.society_id IN ({}))",
                codec::placeholders(2, societies.len())
            )
        };
        let pattern = filter
            .query
            .as_ref()
            .map(|q| format!("%{}%", q.trim().to_lowercase()));
        let where_ = format!(
            "WHERE ($1 IS NULL OR LOWER(u.email) LIKE $1 OR LOWER(u.display_name) LIKE $1) {scope}"
        );
        let mut count = sqlx::query_as::<_, (i64,)>(sql!("SELECT COUNT(*) FROM users u {where_}"))
            .bind(&pattern);
        for s in &societies {
            count = count.bind(s);
        }
        let (total,) = count.fetch_one(&self.pool).await?;
        let n = societies.len();
        let mut list = sqlx::query_as::<_, Row>(sql!(
            "SELECT {COLUMNS} FROM users u {where_} ORDER BY {} LIMIT ${} OFFSET ${}",
            UserOrder::sql(filter.order),
            n + 2,
            n + 3
        ))
        .bind(&pattern);
        for s in &societies {
            list = list.bind(s);
        }
        let rows = list
            .bind(codec::limit(page))
            .bind(codec::offset(page))
            .fetch_all(&self.pool)
            .await?;
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut grants = self.grants_of(&ids).await?;
        Ok(Paged {
            items: rows.into_iter().map(|r| to_user(r, &mut grants)).collect(),
            total: codec::count(total),
        })
    }

    /// The signed-in view of an enabled user, or `None` when disabled or unknown.
    pub async fn principal(&self, user_id: &str) -> Result<Option<Principal>> {
        let Some(user) = self.user(user_id).await? else {
            return Ok(None);
        };
        if user.disabled {
            return Ok(None);
        }
        Ok(Some(Principal {
            user_id: user.id,
            email: user.email,
            display_name: user.display_name,
            grants: user.grants,
        }))
    }

    async fn grants_of(&self, ids: &[&str]) -> Result<BTreeMap<String, Vec<Grant>>> {
        if ids.is_empty() {
            return Ok(BTreeMap::new());
        }
        let sql = sql!(
            "SELECT user_id, role, society_id FROM role_grants WHERE user_id IN ({})
             ORDER BY user_id, role, society_id",
            codec::placeholders(1, ids.len())
        );
        let mut query = sqlx::query_as::<_, (String, String, Option<String>)>(sql);
        for id in ids {
            query = query.bind(*id);
        }
        let mut out: BTreeMap<String, Vec<Grant>> = BTreeMap::new();
        for (user, role, society) in query.fetch_all(&self.pool).await? {
            let role = code("role_grants.role", &role, Role::parse)?;
            out.entry(user).or_default().push(Grant { role, society });
        }
        Ok(out)
    }
}

fn to_user(row: Row, grants: &mut BTreeMap<String, Vec<Grant>>) -> User {
    User {
        grants: grants.remove(&row.id).unwrap_or_default(),
        disabled: row.disabled_at.is_some(),
        has_password: row.has_password != 0,
        id: row.id,
        email: row.email,
        display_name: row.display_name,
        created_at: row.created_at,
    }
}

impl Write {
    /// The account with `email`, seen from inside this transaction.
    pub async fn user_id_by_email(&mut self, email: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
            .bind(normalize_email(email))
            .fetch_optional(self.conn())
            .await?;
        Ok(row.map(|r| r.0))
    }

    /// Creates an account with its first roles; refused when the email is taken.
    pub async fn create_user(
        &mut self,
        email: &str,
        display_name: &str,
        password_hash: Option<&str>,
        grants: &[Grant],
    ) -> Result<String> {
        let email = normalize_email(email);
        let taken: Option<(String,)> = sqlx::query_as("SELECT id FROM users WHERE email = $1")
            .bind(&email)
            .fetch_optional(self.conn())
            .await?;
        if taken.is_some() {
            return Err(StoreError::Conflict(format!(
                "an account with the email {email} already exists"
            )));
        }
        let id = new_id();
        let now = codec::instant(self.now());
        sqlx::query(
            "INSERT INTO users (id, email, display_name, password_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(&email)
        .bind(display_name.trim())
        .bind(password_hash)
        .bind(&now)
        .execute(self.conn())
        .await?;
        self.audit(
            "user.create",
            &format!("user:{id}"),
            json!({ "email": email, "display_name": display_name.trim() }),
        )
        .await?;
        for g in grants {
            self.grant_role(&id, g).await?;
        }
        Ok(id)
    }

    /// Gives a role; giving one already held changes nothing and is not an error.
    pub async fn grant_role(&mut self, user_id: &str, grant: &Grant) -> Result<bool> {
        let exists: Option<(i64,)> = sqlx::query_as(
            "SELECT 1 FROM role_grants WHERE user_id = $1 AND role = $2 AND COALESCE(society_id, '') = COALESCE($3, '')",
        )
        .bind(user_id)
        .bind(grant.role.code())
        .bind(&grant.society)
        .fetch_optional(self.conn())
        .await?;
        if exists.is_some() {
            return Ok(false);
        }
        let now = codec::instant(self.now());
        sqlx::query("INSERT INTO role_grants (user_id, role, society_id, granted_at) VALUES ($1, $2, $3, $4)")
            .bind(user_id)
            .bind(grant.role.code())
            .bind(&grant.society)
            .bind(&now)
            .execute(self.conn())
            .await?;
        self.audit("user.grant", &format!("user:{user_id}"), json!(grant))
            .await?;
        Ok(true)
    }

    /// Takes a role away; answers whether it was held.
    pub async fn withdraw_role(&mut self, user_id: &str, grant: &Grant) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM role_grants WHERE user_id = $1 AND role = $2 AND COALESCE(society_id, '') = COALESCE($3, '')",
        )
        .bind(user_id)
        .bind(grant.role.code())
        .bind(&grant.society)
        .execute(self.conn())
        .await?
        .rows_affected();
        if done > 0 {
            self.audit("user.withdraw", &format!("user:{user_id}"), json!(grant))
                .await?;
        }
        Ok(done > 0)
    }

    /// Disables or re-enables an account. Disabling ends its sessions and stops its tokens at
    /// once.
    pub async fn set_disabled(&mut self, user_id: &str, disabled: bool) -> Result<()> {
        let at = disabled.then(|| codec::instant(self.now()));
        sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2")
            .bind(&at)
            .bind(user_id)
            .execute(self.conn())
            .await?;
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(self.conn())
                .await?;
        }
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        self.audit(action, &format!("user:{user_id}"), json!({}))
            .await
    }

    /// Sets a new password hash and ends the account's other sessions.
    pub async fn set_password(&mut self, user_id: &str, password_hash: &str) -> Result<()> {
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
            .bind(password_hash)
            .bind(user_id)
            .execute(self.conn())
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(user_id)
            .execute(self.conn())
            .await?;
        self.audit("user.password", &format!("user:{user_id}"), json!({}))
            .await
    }
}
