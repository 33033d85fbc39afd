//! Data sources that tfscan evaluates locally because checks depend on them.

use std::collections::BTreeMap;

use crate::model;
use crate::value::Value;

/// Adds the attributes a data source computes at plan time, for the few data sources
/// whose result does not depend on AWS. Others stay unknown, keeping their identity.
pub fn computed_attrs(rtype: &str, body: &model::Body, attrs: &mut BTreeMap<String, Value>) {
    if rtype == "aws_iam_policy_document"
        && let Some(json) = super::policy_document::render(body)
    {
        attrs.insert("json".to_string(), json.clone());
        attrs.insert("minified_json".to_string(), json);
    }
}
