//! A qualification ladder (framework) and its levels: kept by the owner society's admins and
//! platform admins; statutory ladders (no owner) by platform admins only. The levels are
//! edited as text, one level per line, lowest first.

use super::admin_register::{
    Caller, Choice, Errors, Fields, Shown, TextInput, common_field, edits_register, explain,
    patch_between, put_text, read_text,
};
use super::{Chrome, Lang};
use crate::auth::PageUser;
use crate::error::{FieldError, PageError};
use crate::service::register as service;
use crate::{AppState, Tr, views};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use wanqiao_domain::{Framework, FrameworkKind, Jurisdiction, Level, LocalizedText};
use wanqiao_store::Page;
use wanqiao_store::societies::SocietyFilter;

const KINDS: [FrameworkKind; 3] = [
    FrameworkKind::Title,
    FrameworkKind::Membership,
    FrameworkKind::Registration,
];

#[derive(Template)]
#[template(path = "register_framework.html")]
struct FrameworkPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    /// The framework edited; none for a new one.
    editing: Option<String>,
    action: String,
    heading: String,
    f: Fields,
    names: TextInput,
    kinds: Vec<Choice>,
    jurisdictions: Vec<Choice>,
    owners: Vec<Choice>,
    errors: Errors,
}

/// One level per line: `id | 简体 | 繁體 | English`, and `| Português` where there is one.
fn levels_text(levels: &[Level]) -> String {
    levels
        .iter()
        .map(|l| {
            let n = &l.names;
            let mut line = format!("{} | {} | {} | {}", l.id, n.zh_hans, n.zh_hant, n.en);
            if let Some(pt) = &n.pt {
                line.push_str(&format!(" | {pt}"));
            }
            line
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Levels read from the text, each with the number of the line it is on.
struct Levels {
    levels: Vec<Level>,
    lines: Vec<usize>,
}

/// Reads the levels, one per line, lowest first; blank lines and lines starting with `#` are
/// skipped. Every line that cannot be read is reported with its number.
fn parse_levels(tr: &Tr, text: &str, errors: &mut Errors) -> Levels {
    let mut out = Levels {
        levels: Vec::new(),
        lines: Vec::new(),
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let number = i + 1;
        let parts: Vec<&str> = line.split('|').map(str::trim).collect();
        let problem = if !(4..=5).contains(&parts.len()) {
            Some("reg-error-level-columns")
        } else if parts[..4].iter().any(|p| p.is_empty()) {
            Some("reg-error-level-empty")
        } else {
            None
        };
        if let Some(id) = problem {
            errors.add("levels", line_message(tr, id, number, line));
            continue;
        }
        out.levels.push(Level {
            id: parts[0].to_string(),
            names: LocalizedText {
                zh_hans: parts[1].to_string(),
                zh_hant: parts[2].to_string(),
                en: parts[3].to_string(),
                pt: parts
                    .get(4)
                    .filter(|p| !p.is_empty())
                    .map(|p| p.to_string()),
            },
            rank: 0,
        });
        out.lines.push(number);
    }
    out
}

/// "Line 3 (`text`): what is wrong".
fn line_message(tr: &Tr, id: &str, line: usize, text: &str) -> String {
    tr.targs(id, &[("line", line.into()), ("text", text.into())])
}

fn fields_of(fw: &Framework) -> Fields {
    let mut f = Fields::default();
    f.set("id", &fw.id);
    put_text(&mut f, "name", Some(&fw.names));
    f.set("kind", fw.kind.code());
    f.set("jurisdiction", fw.jurisdiction.code());
    f.set("owner", fw.owner.clone().unwrap_or_default());
    if fw.sample {
        f.set("sample", "on");
    }
    f.set("levels", levels_text(&fw.levels));
    f
}

/// The framework the form describes, with the line of each level.
fn read(tr: &Tr, f: &Fields, current: Option<&Framework>) -> Result<(Framework, Levels), Errors> {
    let mut errors = Errors::default();
    let kind = FrameworkKind::parse(f.get("kind"));
    if kind.is_none() {
        errors.add("kind", tr.t("reg-error-choose"));
    }
    let jurisdiction = f.get("jurisdiction").parse::<Jurisdiction>().ok();
    if jurisdiction.is_none() {
        errors.add("jurisdiction", tr.t("reg-error-choose"));
    }
    let levels = parse_levels(tr, f.get("levels"), &mut errors);
    let (Some(kind), Some(jurisdiction), true) = (kind, jurisdiction, errors.is_empty()) else {
        return Err(errors);
    };
    let framework = Framework {
        id: current.map_or_else(|| f.text("id"), |fw| fw.id.clone()),
        names: read_text(f, "name"),
        kind,
        jurisdiction,
        owner: f.opt("owner"),
        sample: f.checked("sample"),
        levels: levels.levels.clone(),
    };
    Ok((framework, levels))
}

/// Where a refusal of the service belongs: a level's problem on its line of the text.
fn place(tr: &Tr, levels: &Levels, e: &FieldError) -> Option<(String, String)> {
    if let Some(rest) = e.name.strip_prefix("levels[") {
        let (index, field) = rest.split_once(']')?;
        let i: usize = index.parse().ok()?;
        let level = levels.levels.get(i)?;
        let line = *levels.lines.get(i)?;
        let twice = levels.levels[..i].iter().any(|l| l.id == level.id);
        let id = match field {
            ".id" if twice => "reg-error-level-twice",
            ".id" => "reg-error-level-id",
            _ => "reg-error-level-empty",
        };
        return Some(("levels".into(), line_message(tr, id, line, &level.id)));
    }
    common_field(tr, &e.name)
}

async fn page(
    state: &AppState,
    caller: &Caller,
    current: Option<&Framework>,
    f: Fields,
    shown: Shown,
) -> Result<Response, PageError> {
    let here = match current {
        Some(fw) => format!("/admin/frameworks/{}/edit", fw.id),
        None => "/admin/frameworks/new".to_string(),
    };
    let societies = state
        .store
        .societies(&SocietyFilter::default(), Page::ALL)
        .await?
        .items;
    let c = caller.chrome(state, &here);
    let tr = &c.tr;
    let heading = match current {
        Some(fw) => tr.t1("reg-framework-edit-title", "name", fw.names.get(tr.locale)),
        None => tr.t("reg-framework-new-title"),
    };
    let statutory = caller
        .me
        .may_manage_framework(None)
        .then(|| (String::new(), tr.t("reg-owner-none")));
    let owners = statutory
        .into_iter()
        .chain(
            societies
                .iter()
                .filter(|s| caller.me.may_manage_society(&s.id))
                .map(|s| (s.id.clone(), s.names.get(tr.locale).to_string())),
        )
        .collect();
    let page = FrameworkPage {
        csrf_token: caller.csrf_token.clone(),
        editing: current.map(|fw| fw.id.clone()),
        action: here.clone(),
        heading,
        names: TextInput::new(tr, "name", tr.t("reg-field-names"), &f, false),
        kinds: Choice::list(
            &f,
            "kind",
            KINDS
                .into_iter()
                .map(|k| (k.code().to_string(), views::framework_kind(tr, k)))
                .collect(),
        ),
        jurisdictions: Choice::list(
            &f,
            "jurisdiction",
            Jurisdiction::ALL
                .into_iter()
                .map(|j| (j.code().to_string(), views::jurisdiction(tr, j)))
                .collect(),
        ),
        owners: Choice::list(&f, "owner", owners),
        errors: shown.errors,
        f,
        c,
    };
    Ok((shown.status, Html(page.render()?)).into_response())
}

/// The framework `id`, when the caller may keep it.
async fn editable(state: &AppState, caller: &Caller, id: &str) -> Result<Framework, PageError> {
    let fw = state
        .store
        .framework(id)
        .await?
        .ok_or(PageError::NotFound)?;
    if caller.me.may_manage_framework(fw.owner.as_deref()) {
        Ok(fw)
    } else {
        Err(PageError::Forbidden)
    }
}

/// After a ladder is saved: the page that shows it, its society's or the specialties'.
fn done(fw: &Framework) -> Response {
    let to = match &fw.owner {
        Some(owner) => format!("/societies/{owner}"),
        None => "/specialties".to_string(),
    };
    Redirect::to(&to).into_response()
}

pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    if !edits_register(&caller.me) {
        return Err(PageError::Forbidden);
    }
    let mut f = Fields::default();
    f.set("kind", FrameworkKind::Membership.code());
    match caller.me.administered().first() {
        Some(own) if !caller.me.may_manage_register() => {
            let own = own.to_string();
            if let Some(s) = state.store.society(&own).await? {
                f.set("jurisdiction", s.jurisdiction.code());
            }
            f.set("owner", own);
        }
        _ => f.set("jurisdiction", Jurisdiction::Gd.code()),
    }
    page(&state, &caller, None, f, Shown::fresh()).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    if !edits_register(&caller.me) {
        return Err(PageError::Forbidden);
    }
    let f = Fields::new(pairs);
    let tr = caller.tr(&state);
    let shown = match read(&tr, &f, None) {
        Err(errors) => Shown::invalid(errors),
        Ok((fw, levels)) => match service::create_framework(&state, &caller.me, fw).await {
            Ok(fw) => return Ok(done(&fw)),
            Err(e) => explain(&tr, e, |x| place(&tr, &levels, x))?,
        },
    };
    page(&state, &caller, None, f, shown).await
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let fw = editable(&state, &caller, &id).await?;
    let f = fields_of(&fw);
    page(&state, &caller, Some(&fw), f, Shown::fresh()).await
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let fw = editable(&state, &caller, &id).await?;
    let f = Fields::new(pairs);
    let tr = caller.tr(&state);
    let shown = match read(&tr, &f, Some(&fw)) {
        Err(errors) => Shown::invalid(errors),
        Ok((mut next, levels)) => {
            // Ranks follow the order of the lines; compare like with like.
            next.rank_levels();
            let Some(patch) = patch_between(&fw, &next) else {
                return Ok(done(&fw));
            };
            match service::update_framework(&state, &caller.me, &id, &patch).await {
                Ok(saved) => return Ok(done(&saved)),
                Err(e) => explain(&tr, e, |x| place(&tr, &levels, x))?,
            }
        }
    };
    page(&state, &caller, Some(&fw), f, shown).await
}

pub async fn retire(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    let tr = caller.tr(&state);
    let shown = if Fields::new(pairs).checked("confirm") {
        match service::retire_framework(&state, &caller.me, &id).await {
            Ok(()) => return Ok(Redirect::to("/admin/register").into_response()),
            Err(e) => explain(&tr, e, |_| None)?.at("confirm"),
        }
    } else {
        let mut errors = Errors::default();
        errors.add("confirm", tr.t("reg-error-confirm"));
        Shown::invalid(errors)
    };
    let fw = editable(&state, &caller, &id).await?;
    let f = fields_of(&fw);
    page(&state, &caller, Some(&fw), f, shown).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::I18n;
    use wanqiao_domain::Locale;

    #[test]
    fn levels_read_back_as_written_and_bad_lines_are_named() {
        let i18n = I18n::new();
        let tr = i18n.tr(Locale::En);
        let text = "# lowest first\nmember | 会员 | 會員 | Member\n\nfellow | 资深会员 | 資深會員 | Fellow | Membro sénior\n";
        let mut errors = Errors::default();
        let read = parse_levels(&tr, text, &mut errors);
        assert!(errors.is_empty());
        assert_eq!(read.lines, [2, 4]);
        assert_eq!(read.levels[1].names.pt.as_deref(), Some("Membro sénior"));
        assert_eq!(
            levels_text(&read.levels),
            "member | 会员 | 會員 | Member\nfellow | 资深会员 | 資深會員 | Fellow | Membro sénior"
        );

        let mut errors = Errors::default();
        let read = parse_levels(
            &tr,
            "a | 甲 | 甲 | A\nb | 乙 | B\nc |  | 丙 | C",
            &mut errors,
        );
        assert_eq!(read.levels.len(), 1);
        let messages = errors.list("levels");
        assert_eq!(messages.len(), 2);
        assert!(messages[0].contains('2') && messages[0].contains("b | 乙 | B"));
        assert!(messages[1].contains('3'));
    }
}
