//! Who may do what. Every permission check in the platform asks this module, so the rules
//! of least privilege live in one place and are tested once.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The roles of DESIGN.md §6. Society roles are always held for one society.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    PlatformAdmin,
    SocietyAdmin,
    Reviewer,
    Attestor,
    Engineer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::PlatformAdmin,
        Role::SocietyAdmin,
        Role::Reviewer,
        Role::Attestor,
        Role::Engineer,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::PlatformAdmin => "platform_admin",
            Role::SocietyAdmin => "society_admin",
            Role::Reviewer => "reviewer",
            Role::Attestor => "attestor",
            Role::Engineer => "engineer",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == s)
    }

    /// Whether the role is held for one society (and only for one).
    pub fn is_society_role(self) -> bool {
        matches!(self, Role::SocietyAdmin | Role::Reviewer | Role::Attestor)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One role held by a user, with its society where the role is a society role.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub society: Option<String>,
}

impl Grant {
    /// A grant, refused when the society is missing for a society role or given for another.
    pub fn new(role: Role, society: Option<String>) -> Result<Grant, String> {
        match (role.is_society_role(), &society) {
            (true, None) => Err(format!("the role {role} is held for a society: name it")),
            (false, Some(s)) => Err(format!(
                "the role {role} is not held for a society, but `{s}` was given"
            )),
            _ => Ok(Grant { role, society }),
        }
    }
}

/// A signed-in user as the platform sees them for one request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Principal {
    pub user_id: String,
    pub email: String,
    pub display_name: String,
    pub grants: Vec<Grant>,
}

impl Principal {
    pub fn is_platform_admin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::PlatformAdmin)
    }

    /// Whether the user holds `role` for `society`.
    pub fn holds(&self, role: Role, society: &str) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == role && g.society.as_deref() == Some(society))
    }

    /// Societies in which the user holds any society role: whose queues, members and alerts
    /// they see. Sorted, each once.
    pub fn staff_societies(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .grants
            .iter()
            .filter(|g| g.role.is_society_role())
            .filter_map(|g| g.society.clone())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Societies the user administers.
    pub fn administered(&self) -> Vec<&str> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::SocietyAdmin)
            .filter_map(|g| g.society.as_deref())
            .collect()
    }

    /// Platform admins run the mechanism; a society admin runs their own society.
    pub fn may_manage_society(&self, society: &str) -> bool {
        self.is_platform_admin() || self.holds(Role::SocietyAdmin, society)
    }

    /// Societies, specialties, statutory ladders and agreements belong to the mechanism as
    /// a whole: only platform admins change them.
    pub fn may_manage_register(&self) -> bool {
        self.is_platform_admin()
    }

    /// A ladder kept by a society is that society's to keep; statutory ones the platform's.
    pub fn may_manage_framework(&self, owner: Option<&str>) -> bool {
        match owner {
            Some(society) => self.may_manage_society(society),
            None => self.is_platform_admin(),
        }
    }

    /// Whether this user may give or take away `grant`. Society admins act within their
    /// society only, and never on platform-wide roles.
    pub fn may_change_grant(&self, grant: &Grant) -> bool {
        self.is_platform_admin()
            || grant
                .society
                .as_deref()
                .is_some_and(|s| self.holds(Role::SocietyAdmin, s))
    }

    /// Whether this user may see or change the account of someone holding `their_grants`:
    /// platform admins any account; a society admin only accounts whose every role lies in
    /// societies they administer, so nobody can lock out a user of another society.
    pub fn may_manage_user(&self, their_grants: &[Grant]) -> bool {
        if self.is_platform_admin() {
            return true;
        }
        let mine = self.administered();
        !mine.is_empty()
            && !their_grants.is_empty()
            && their_grants
                .iter()
                .all(|g| g.society.as_deref().is_some_and(|s| mine.contains(&s)))
    }

    pub fn may_read_audit(&self) -> bool {
        self.is_platform_admin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn principal(grants: &[(Role, Option<&str>)]) -> Principal {
        Principal {
            user_id: "u".into(),
            email: "u@example.org".into(),
            display_name: "U".into(),
            grants: grants
                .iter()
                .map(|(r, s)| Grant::new(*r, s.map(str::to_string)).unwrap())
                .collect(),
        }
    }

    #[test]
    fn grants_need_a_society_exactly_when_the_role_is_a_society_role() {
        assert!(Grant::new(Role::Reviewer, None).is_err());
        assert!(Grant::new(Role::PlatformAdmin, Some("gdes".into())).is_err());
        assert!(Grant::new(Role::Engineer, None).is_ok());
    }

    #[test]
    fn society_admins_stay_inside_their_society() {
        let admin = principal(&[(Role::SocietyAdmin, Some("a"))]);
        assert!(admin.may_manage_society("a"));
        assert!(!admin.may_manage_society("b"));
        assert!(!admin.may_manage_register());
        assert!(admin.may_manage_framework(Some("a")));
        assert!(!admin.may_manage_framework(None));
        let reviewer_a = Grant::new(Role::Reviewer, Some("a".into())).unwrap();
        let reviewer_b = Grant::new(Role::Reviewer, Some("b".into())).unwrap();
        let platform = Grant::new(Role::PlatformAdmin, None).unwrap();
        assert!(admin.may_change_grant(&reviewer_a));
        assert!(!admin.may_change_grant(&reviewer_b));
        assert!(!admin.may_change_grant(&platform));
        assert!(admin.may_manage_user(std::slice::from_ref(&reviewer_a)));
        assert!(!admin.may_manage_user(&[reviewer_a, reviewer_b]));
        assert!(
            !admin.may_manage_user(&[]),
            "users without roles are the platform's"
        );
        assert!(!admin.may_read_audit());
    }

    #[test]
    fn platform_admins_may_do_everything_here() {
        let root = principal(&[(Role::PlatformAdmin, None)]);
        assert!(root.may_manage_register() && root.may_read_audit());
        assert!(root.may_manage_user(&[]));
    }
}
