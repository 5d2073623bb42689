//! `policy set`: put a policy in force, audited with every changed field.
//!
//! Putting an effect under approval is one person's change; taking one out
//! (or turning approval off, or leaving requests open longer) needs a
//! second person, and so does every change once `policy.set` is listed. A
//! request holds the digest of the policy it was made against: a policy
//! change in between makes it stale (an old request never undoes a later
//! change).

use serde_json::{Value, json};

use super::gate::{self, Change, Gated, Via};
use crate::error::{Error, Result};
use crate::ledger::{Entry, Ledger, Read};
use crate::policy::Policy;

/// What to put in force.
pub struct SetOptions {
    pub policy: Policy,
    /// Where it came from (`{"preset": NAME}` or `{"file": PATH}`), for the
    /// trail.
    pub source: Value,
    pub reason: Option<String>,
}

/// A policy put in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetOutcome {
    /// How many fields changed (0: the policy was in force already).
    pub changes: usize,
    /// The hashing parameters, when weaker than the default (m KiB, t).
    pub weak_hashing: Option<(u32, u32)>,
}

/// `a.b.c = value` pairs of a JSON document, in document order.
pub fn flatten(prefix: &str, v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::Object(m) => {
            for (k, v) in m {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&key, v, out);
            }
        }
        other => out.push((prefix.to_string(), other.clone())),
    }
}

/// The policy as a JSON document (its TOML fields).
pub fn policy_json(p: &Policy) -> Value {
    serde_json::to_value(p).unwrap_or(Value::Null)
}

/// The fields that differ between `old` and `new`: `{field, old, new}`.
pub fn changes_between(old: &Policy, new: &Policy) -> Vec<Value> {
    let mut before = Vec::new();
    let mut after = Vec::new();
    flatten("", &policy_json(old), &mut before);
    flatten("", &policy_json(new), &mut after);
    let mut changes = Vec::new();
    for (k, new) in &after {
        let old = before.iter().find(|(b, _)| b == k).map(|(_, v)| v.clone());
        if old.as_ref() != Some(new) {
            changes.push(json!({ "field": k, "old": old, "new": new }));
        }
    }
    for (k, old) in &before {
        if !after.iter().any(|(a, _)| a == k) {
            changes.push(json!({ "field": k, "old": old, "new": null }));
        }
    }
    changes
}

/// What `set` would change now, and whether it would wait for approval.
pub fn plan(ledger: &Ledger, new: &Policy) -> Result<(Vec<Value>, bool)> {
    let current = ledger.policy()?;
    let changes = changes_between(&current, new);
    let held = current.approval.requires(gate::Effect::PolicySet) || current.weakened_by(new);
    Ok((changes, held))
}

fn change_of(current: &Policy, o: &SetOptions) -> Change {
    Change::PolicySet {
        policy: o.policy.to_toml(),
        source: o.source.clone(),
        base: gate::policy_ref(current),
    }
}

/// Put `o.policy` in force (or record a request for it).
pub fn set(ledger: &mut Ledger, o: &SetOptions, via: Via) -> Result<Gated<SetOutcome>> {
    o.policy.validate().map_err(|error| Error::PolicyInvalid {
        file: "policy".into(),
        error,
    })?;
    let current = ledger.policy()?;
    let planned = changes_between(&current, &o.policy);
    if planned.is_empty() && !via.is_approval() {
        return Ok(Gated::Done(SetOutcome {
            changes: 0,
            weak_hashing: None,
        }));
    }
    let change = change_of(&current, o);
    let weakens = current.weakened_by(&o.policy);
    let preview = json!({ "source": o.source, "changes": planned });
    if let Some(p) = gate::hold_when(ledger, &change, preview, o.reason.as_deref(), via, weakens)? {
        return Ok(Gated::Pending(p));
    }
    let changes = ledger.write(|tx| {
        via.apply(tx)?;
        let changes = changes_between(&*tx.policy()?, &o.policy);
        if changes.is_empty() {
            return Ok(0);
        }
        tx.set_policy(&o.policy)?;
        tx.audit(Entry {
            action: "policy.set",
            customer: None,
            reason: o.reason.as_deref(),
            details: json!({ "source": o.source, "changes": changes }),
        })?;
        Ok(changes.len())
    })?;
    let h = &o.policy.hashing;
    Ok(Gated::Done(SetOutcome {
        changes,
        weak_hashing: (h.m_kib < 19456 || h.t < 2).then_some((h.m_kib, h.t)),
    }))
}

/// The options an approved `policy.set` request carries out.
pub fn approved_options(change: &Change, reason: Option<&str>) -> Option<SetOptions> {
    match change {
        Change::PolicySet { policy, source, .. } => Some(SetOptions {
            policy: Policy::from_toml(policy).ok()?,
            source: source.clone(),
            reason: reason.map(str::to_string),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::testing::{cheap_policy, ledgers};
    use crate::policy::ApprovalAction;

    fn with_approval(p: &Policy, names: &[ApprovalAction]) -> Policy {
        let mut p = p.clone();
        p.approval.required_for = names.to_vec();
        p
    }

    fn options(p: &Policy) -> SetOptions {
        SetOptions {
            policy: p.clone(),
            source: json!({ "test": true }),
            reason: None,
        }
    }

    #[test]
    fn an_old_request_never_undoes_a_later_change() {
        for mut t in ledgers(&cheap_policy()) {
            let mut base = with_approval(&cheap_policy(), &[ApprovalAction::PolicySet]);
            base.execution.min_len = 6;
            let l = &mut t.ledger;
            assert!(matches!(
                set(l, &options(&base), Via::Direct).unwrap(),
                Gated::Done(_)
            ));
            // An old request to lower the minimum, then a later one to raise it.
            let mut lower = base.clone();
            lower.execution.min_len = 4;
            let Gated::Pending(old) = set(l, &options(&lower), Via::Direct).unwrap() else {
                panic!("{}: not held", t.backend)
            };
            let mut higher = base.clone();
            higher.execution.min_len = 8;
            let Gated::Pending(new) = set(l, &options(&higher), Via::Direct).unwrap() else {
                panic!("{}: not held", t.backend)
            };
            let mut checker = t.open_as("checker");
            let claim = gate::Claim::take(&checker, new.id).unwrap();
            let o = approved_options(&claim.change, None).unwrap();
            set(&mut checker, &o, Via::Approved(&claim)).unwrap();
            assert_eq!(checker.policy().unwrap().execution.min_len, 8);
            // The old one is stale now: refused, and nothing changes.
            let claim = gate::Claim::take(&checker, old.id).unwrap();
            let o = approved_options(&claim.change, None).unwrap();
            let e = set(&mut checker, &o, Via::Approved(&claim)).unwrap_err();
            assert!(matches!(e, Error::Stale { .. }), "{}: {e:?}", t.backend);
            assert_eq!(checker.policy().unwrap().execution.min_len, 8);
        }
    }

    #[test]
    fn taking_an_effect_out_of_approval_needs_a_second_person() {
        for mut t in ledgers(&cheap_policy()) {
            let on = with_approval(&cheap_policy(), &[ApprovalAction::LockRemove]);
            let l = &mut t.ledger;
            assert!(matches!(
                set(l, &options(&on), Via::Direct).unwrap(),
                Gated::Done(_)
            ));
            let off = cheap_policy();
            assert!(matches!(
                set(l, &options(&off), Via::Direct).unwrap(),
                Gated::Pending(_)
            ));
            assert!(
                l.policy()
                    .unwrap()
                    .approval
                    .requires(gate::Effect::LockRemove)
            );
        }
    }
}
