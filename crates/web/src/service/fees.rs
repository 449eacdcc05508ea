//! Fees: what an application costs under its agreement's schedule, per currency, and the
//! receipts of what was paid. Payment itself is an adapter; staff record "paid offline".

use crate::{ApiError, AppState};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wanqiao_domain::Principal;
use wanqiao_domain::fees::{self, Currency, Fee, FeeStep};
use wanqiao_store::applications::Application;
use wanqiao_store::fees::{NewPayment, Payment};

/// What an application costs and what was paid.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FeeSummary {
    /// The agreement whose schedule applies; `null` when none is known yet.
    pub agreement: Option<String>,
    /// The fees due before a decision: the home society's attestation, the host's assessment.
    pub due: Vec<Fee>,
    /// Their total per currency, e.g. `{"CNY": 300, "HKD": 2000}`.
    pub totals: BTreeMap<Currency, u64>,
    /// The receipts recorded so far.
    pub payments: Vec<Payment>,
}

/// The fees due under `agreement` between `home` and `host`.
pub async fn due(
    state: &AppState,
    agreement: &str,
    home: Option<&str>,
    host: &str,
) -> Result<(Vec<Fee>, BTreeMap<Currency, u64>), ApiError> {
    let schedule = state.store.agreement_fees(agreement).await?;
    Ok(due_under(&schedule, home, host))
}

/// The fees due under the fee schedule `schedule` between `home` and `host`, and their
/// totals.
pub fn due_under(
    schedule: &[Fee],
    home: Option<&str>,
    host: &str,
) -> (Vec<Fee>, BTreeMap<Currency, u64>) {
    let due: Vec<Fee> = fees::due(schedule, home, host)
        .into_iter()
        .cloned()
        .collect();
    let totals = fees::totals(&due);
    (due, totals)
}

/// Totals as text, one per currency, e.g. `HKD 2,000 + CNY 300`; empty when free.
pub fn totals_text(totals: &BTreeMap<Currency, u64>) -> String {
    totals
        .iter()
        .map(|(c, n)| format!("{} {}", c.code(), thousands(*n)))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// The summary of an application: under its frozen agreement once submitted, before that
/// under the agreement in force `draft_agreement` names.
pub async fn summary(
    state: &AppState,
    a: &Application,
    draft_agreement: Option<String>,
) -> Result<FeeSummary, ApiError> {
    let agreement = a.agreement.clone().or(draft_agreement);
    let (due, totals) = match &agreement {
        Some(id) => due(state, id, a.home_society.as_deref(), &a.host_society).await?,
        None => Default::default(),
    };
    Ok(FeeSummary {
        agreement,
        due,
        totals,
        payments: state.store.payments(&a.id).await?,
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentInput {
    pub step: String,
    pub amount: u32,
    pub currency: String,
    /// The receipt or bank reference.
    pub reference: String,
}

/// Records that a step was paid offline, as staff of the society paid: the home society
/// for attestation, the host society for assessment and appeals.
pub async fn record(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: PaymentInput,
) -> Result<Payment, ApiError> {
    let a = state
        .store
        .application(id)
        .await?
        .ok_or_else(|| ApiError::not_found("application", id))?;
    let step = FeeStep::parse(&input.step)
        .ok_or_else(|| ApiError::invalid("step", "one of attestation, assessment, appeal"))?;
    let society = match step {
        FeeStep::Attestation => a.home_society.clone(),
        FeeStep::Assessment | FeeStep::Appeal => Some(a.host_society.clone()),
    };
    let staff = society.as_deref().is_some_and(|s| {
        me.grants
            .iter()
            .any(|g| g.role.is_society_role() && g.society.as_deref() == Some(s))
    });
    if !(staff || me.is_platform_admin()) {
        return Err(ApiError::forbidden(format!(
            "a {} fee is recorded by the staff of the society paid",
            step.code()
        )));
    }
    let Some(society) = society else {
        return Err(ApiError::invalid(
            "step",
            "this application has no home society to pay for attestation",
        ));
    };
    let currency = Currency::parse(&input.currency)
        .ok_or_else(|| ApiError::invalid("currency", "one of HKD, MOP, CNY"))?;
    if input.amount == 0 {
        return Err(ApiError::invalid(
            "amount",
            "a payment is more than nothing",
        ));
    }
    let reference = input.reference.trim();
    if reference.is_empty() || reference.chars().count() > 200 {
        return Err(ApiError::invalid(
            "reference",
            "the receipt or bank reference, 1 to 200 characters",
        ));
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let pid = w
        .record_payment(&NewPayment {
            application: id,
            society: &society,
            step,
            amount: input.amount,
            currency,
            reference,
        })
        .await?;
    w.commit().await?;
    state
        .store
        .payments(id)
        .await?
        .into_iter()
        .find(|p| p.id == pid)
        .ok_or_else(|| ApiError::not_found("payment", &pid))
}

#[cfg(test)]
mod tests {
    #[test]
    fn totals_read_with_thousands() {
        let mut t = std::collections::BTreeMap::new();
        t.insert(super::Currency::Hkd, 12000);
        t.insert(super::Currency::Cny, 300);
        assert_eq!(super::totals_text(&t), "HKD 12,000 + CNY 300");
    }
}
