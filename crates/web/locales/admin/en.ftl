## Editing the register (pages under /admin)
nav-register = Register

## The index
reg-index-title = Edit the register
reg-index-lead-platform = As a platform administrator you keep the whole register: societies, specialties, qualification ladders and agreements.
reg-index-lead-society = You keep the profile of the societies you administer and their qualification ladders.
reg-view-public = Public page
reg-frameworks-title = Qualification ladders
reg-frameworks-empty = There is no ladder you may edit yet.
reg-levels-count = { $count ->
    [one] { $count } level
   *[other] { $count } levels
}

## Shared fields and messages
reg-field-id = Identifier
reg-id-hint = 1 to 64 characters: lowercase letters, digits and inner hyphens, e.g. hk-building-em. It cannot change later.
reg-field-names = Names
reg-lang-zh-hans = Simplified Chinese
reg-lang-zh-hant = Traditional Chinese
reg-lang-en = English
reg-lang-pt = Portuguese (optional)
reg-field-sample = Sample entry
reg-field-supervised-by = Registered under (supervising body)
reg-yes = Yes
reg-no = No
reg-date-hint = Dates are written YYYY-MM-DD where no calendar is offered, e.g. 2020-07-11.
reg-save = Save the changes
reg-retire-title = Retire
reg-retire-confirm = Yes, retire this entry. It is kept for history but no longer offered.
reg-refused = The register refused the change: { $reason }
reg-refused-field = Field { $field }:
reg-error-fix = Nothing was saved. Correct the marked fields and send the form again.
reg-error-id = Use 1 to 64 characters: lowercase letters, digits and inner hyphens (not at the start or end).
reg-error-name-missing = Give the name in this language.
reg-error-text-incomplete = Give this text in this language too, or leave every language empty.
reg-error-abbreviation = Give the abbreviation.
reg-error-batch = Give the pilot batch as a whole number from 1.
reg-error-owner = This society does not exist or has been retired.
reg-error-choose = Choose one of the options listed.
reg-error-date = This is not a date: write it YYYY-MM-DD.
reg-error-date-required = Give the date, written YYYY-MM-DD.
reg-error-confirm = Tick the box to confirm.

## Societies
reg-society-new-title = Add a society
reg-society-edit-title = Edit { $name }
reg-society-create = Add the society
reg-society-reserved-hint = The region, role and sample flag are set by the platform administrators.
reg-supervised-hint = The body the society is registered under. Leave every language empty if there is none.
reg-society-retire = Retire the society
reg-society-retire-lead = A retired society no longer appears in the register; its id stays reserved, because agreements and the audit log name it. A society that is still a party to an agreement that has not expired cannot be retired.

## Specialties
reg-specialty-new-title = Add a specialty
reg-specialty-edit-title = Edit { $name }
reg-specialty-create = Add the specialty
reg-specialty-retire = Retire the specialty
reg-specialty-retire-lead = A retired specialty is no longer offered for new agreements. A specialty that agreements still use cannot be retired.

## Qualification ladders
reg-framework-new-title = Add a qualification ladder
reg-framework-edit-title = Edit { $name }
reg-framework-create = Add the ladder
reg-framework-lead = A ladder orders the levels of a title, a registration or a society's membership grades. Recognition rules start from a level of one ladder and grant a level of another.
reg-field-owner = Kept by
reg-owner-none = No society: a national title or statutory registration
reg-owner-hint = A society's membership grades are kept by that society's administrators; national titles and statutory registrations by the platform administrators.
reg-field-levels = Levels, lowest first
reg-levels-hint = One level per line, from the lowest to the highest: its identifier, then its name in Simplified Chinese, Traditional Chinese and English, separated by a vertical bar |. For example:
reg-levels-hint-more = A fifth column may give the Portuguese name. Blank lines and lines starting with # are skipped. Levels that recognition rules use must keep their identifiers.
reg-error-levels-empty = A ladder needs at least one level.
reg-error-level-columns = Line { $line } ({ $text }): write the identifier and three names separated by |, as in the example.
reg-error-level-empty = Line { $line } ({ $text }): the identifier and all three names must be given.
reg-error-level-id = Line { $line }: “{ $text }” is not a valid identifier; use lowercase letters, digits and inner hyphens.
reg-error-level-twice = Line { $line }: the level “{ $text }” is listed twice.
reg-framework-retire = Retire the ladder
reg-framework-retire-lead = A retired ladder is no longer offered. A ladder that recognition rules of agreements not yet expired still use cannot be retired.

## Agreements as files
reg-agreement-new-title = Add an agreement
reg-agreement-edit-title = Edit the file of { $title }
reg-agreement-create = Add the agreement
reg-agreement-edit-file = Edit the file
reg-agreement-panel-link = Lifecycle
reg-agreement-new-lead = Write the agreement as a TOML file, the form societies exchange and sign off. It is checked against the register before anything is saved.
reg-agreement-edit-lead = Here you may change the particulars (titles, notes, specialty, parties, dates, sample flag) and the rules of draft versions. The status, the kind and versions that are not drafts change on the lifecycle panel.
reg-agreement-file = The agreement file (TOML)
reg-agreement-file-hint = One agreement per file: its particulars first, then each version as [[version]] with its rules as [[version.rule]]. Every society, specialty, ladder and level must already be in the register.
reg-agreement-file-hint-edit = Versions in force or superseded are shown for reference: leave them as they are.
reg-file-problems = { $count ->
    [one] Nothing was saved: the file has one problem.
   *[other] Nothing was saved: the file has { $count } problems.
}
reg-file-at-line-field = Line { $line }, field { $field }:
reg-file-at-line = Line { $line }:
reg-file-at-field = Field { $field }:
reg-locked-id = The identifier names the agreement and cannot change.
reg-locked-status = The status changes with the lifecycle buttons, not in the file.
reg-locked-kind = The kind changes with the lifecycle buttons, not in the file.
reg-locked-version = Version { $number } cannot change here: only draft versions are edited in the file, and versions are added or put in force with the lifecycle buttons.
reg-locked-go = Open the lifecycle panel

## The lifecycle panel
reg-panel-title = Lifecycle: { $title }
reg-panel-versions = Versions
reg-panel-version = Version
reg-panel-rules = Rules
reg-panel-no-versions = This agreement has no versions yet.
reg-panel-steps = What can happen now
reg-panel-steps-lead = Only the steps possible from the agreement's present status are offered. Each is recorded in the audit log.
reg-step-none = Nothing more can happen to this agreement.
reg-step-refused = The step “{ $step }” is not possible now.
reg-step-allowed = Possible now: { $steps }
reg-step-unknown = This step is not known.
reg-step-field-version = Version
reg-step-field-on = Ends on
reg-step-field-notes = Notes
reg-step-signed-on-hint = Optional: leave it empty to keep the date already recorded.
reg-step-notes-hint = Optional: what the new version is for. Its rules start as a copy of the latest version's; edit them in the file.
reg-step-sign_intent = Sign as a letter of intent
reg-step-sign_intent-lead = The parties have signed a letter of intent: the agreement shows on the register as coming.
reg-step-sign_intent-button = Record the letter of intent
reg-step-bring_into_force = Bring into force
reg-step-bring_into_force-lead = The agreement takes effect with the chosen draft version, which then recognises applicants.
reg-step-bring_into_force-button = Bring into force
reg-step-suspend = Suspend
reg-step-suspend-lead = Nobody is recognised under the agreement until it is resumed. Its versions stay as they are.
reg-step-suspend-button = Suspend the agreement
reg-step-resume = Resume
reg-step-resume-lead = The agreement recognises applicants again, under the version that was in force.
reg-step-resume-button = Resume the agreement
reg-step-expire = Expire
reg-step-expire-lead = The agreement ends on the given date. This cannot be undone.
reg-step-expire-button = Expire the agreement
reg-step-draft_version = Draft a new version
reg-step-draft_version-lead = A new draft version, numbered after the last, to be reviewed before it takes effect.
reg-step-draft_version-button = Draft a new version
reg-step-put_version_in_force = Put a new version in force
reg-step-put_version_in_force-lead = The chosen draft replaces the version in force from the given date; the old version is kept as superseded.
reg-step-put_version_in_force-button = Put the version in force

## Links from the public pages
reg-edit-society = Edit this society
reg-edit-ladder = Edit this ladder
reg-edit-specialty = Edit
reg-edit-agreement-panel = Lifecycle panel
