## Site frame
site-name = Wanqiao
site-tagline = Mutual recognition of engineers' professional qualifications across Guangdong, Hong Kong and Macao
skip-to-content = Skip to content
language-label = Language
nav-label = Main navigation
nav-home = Overview
nav-societies = Societies
nav-specialties = Specialties
nav-agreements = Agreements
nav-fellows = Honorary fellows
nav-activities = Exchange activities
footer-about = Wanqiao is the platform of the Greater Bay Area engineering societies' qualification mutual-recognition mechanism, led by the Guangdong Society of Engineers.
footer-api = Open data: JSON API
sample-badge = Sample
sample-explained = Illustrative entry: the founding record does not name it, so it is not presented as fact.

## Errors
error-go-home = Back to the overview
error-not-found-title = Page not found
error-not-found-body = There is nothing at this address. It may have been moved, or the link may be mistyped.
error-server-title = Something went wrong
error-server-body = The page could not be shown. The problem has been logged; please try again in a moment.

## Overview
home-title = The mutual-recognition mechanism at a glance
home-lead = Engineering societies of Guangdong, Hong Kong and Macao sign agreements per specialty. An engineer qualified in one region can have that qualification recognised by a partner society in another.
stat-societies = societies
stat-signatories = signatories
stat-specialties = specialties
stat-agreements-in-force = agreements in force
stat-letters-of-intent = letters of intent
home-societies-heading = Societies by region and role
home-societies-caption = Societies taking part, by region (rows) and role in the mechanism (columns). A dashed outline marks a sample entry.
home-specialties-heading = Specialties by pilot batch
batch-title = Batch { $batch }
home-agreements-heading = Agreements by status
home-agreements-caption = Number of agreements and letters of intent in each status
home-matrix-heading = Who has agreed what
home-matrix-legend = ● agreement in force · ◐ letter of intent · ○ other status. Select a mark to read the agreement.
home-matrix-caption = Agreements by society (rows) and specialty (columns)

## Columns and filters
col-jurisdiction = Region
col-status = Status
col-count = Number
col-society = Society
col-name = Name
col-abbreviation = Abbreviation
col-role = Role
col-specialty = Specialty
col-batch = Batch
col-in-force = In force
col-intents = Letters of intent
col-agreement = Agreement
col-kind = Kind
col-parties = Parties
col-signed-on = Signed on
filter-label = Filter
filter-all = All

## Societies
societies-title = Societies
societies-lead = The science and technology societies of Guangdong, Hong Kong and Macao that take part in the mechanism.
societies-empty = No society matches this filter.
society-founded = Founded
society-supervised-by = Under
society-website = Website
society-working-group = Working group contact
society-agreements = Agreements
society-no-agreements = This society is not yet a party to any agreement.
society-ladders = Membership grades

## Specialties
specialties-title = Specialties
specialties-lead = The specialties in which societies recognise each other's engineers, opened in pilot batches.
specialties-ladders = Qualification ladders
specialties-ladders-lead = Titles and registrations that recognition rules start from. Levels are listed from lowest to highest.
specialty-status-pilot = Pilot
specialty-status-active = Active

## Agreements
agreements-title = Agreements and letters of intent
agreements-in-specialty = Agreements in { $specialty }
agreements-lead = Only a version in force recognises anyone; letters of intent show what is coming.
agreements-empty = No agreement matches this filter.
agreement-effective-from = Effective from
agreement-effective-until = Effective until
agreement-id = Reference
agreement-version = Version { $number }
agreement-no-rules = This version has no recognition rules yet.

## Fellows and activities
fellows-title = Honorary fellows
fellows-lead = Well-known engineers of Hong Kong and Macao appointed honorary fellows by the societies.
fellows-empty = No honorary fellows have been appointed yet.
activities-title = Exchange activities
activities-lead = Each society's working group keeps in touch with the others: meetings, seminars, visits and signings.
activities-empty = No exchange activities have been recorded yet.
activity-kind-signing = Signing
activity-kind-meeting = Meeting
activity-kind-consultation = Consultation
activity-kind-seminar = Seminar
activity-kind-forum = Forum
activity-kind-visit = Visit
activity-kind-training = Training
activity-kind-exchange = Exchange

## Codes
jurisdiction-GD = Guangdong
jurisdiction-HK = Hong Kong
jurisdiction-MO = Macao
jurisdiction-INTL = International
role-coordinator = Coordinator
role-signatory = Signatory
role-consulting = Consulting
agreement-status-draft = Draft
agreement-status-intent = Letter of intent
agreement-status-in-force = In force
agreement-status-suspended = Suspended
agreement-status-expired = Expired
agreement-kind-agreement = Agreement
agreement-kind-letter-of-intent = Letter of intent
version-status-draft = Draft
version-status-in-force = In force
version-status-superseded = Superseded
framework-kind-title = Professional title
framework-kind-membership = Membership grades
framework-kind-registration = Statutory registration
requirement-aptitude-test = an aptitude test
requirement-adaptation-period = an adaptation period of { $months } months
requirement-professional-interview = a professional interview
requirement-local-regulations-briefing = a briefing on local regulations and codes

## Rules read as sentences
rule-sentence = Holders of { $from_level } or higher in { $framework } are recognised by { $society } as { $to_level }.
rule-experience = at least { $years } years of experience in this specialty
rule-education-accredited = a degree accredited under the Washington, Sydney or Dublin accords or a listed equivalent
rule-cpd = at least { $hours } hours of CPD in the last { $years } years
rule-requires = conditional on { $requirement }
rule-no-conditions = no further conditions

## Months, for dates
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December

## Accounts
nav-account = My account
nav-users = Users
nav-audit = Audit log
error-forbidden-title = Not allowed
error-forbidden-body = Your account may not do this, or the form had expired. Reload the page and try again; if it keeps happening, ask your society's administrator.
login-title = Sign in
login-lead = Society staff and engineers sign in with the email address their account was created with.
login-refused = The email or password is not correct, or the account is disabled.
login-throttled = Too many failed attempts. Try again in { $minutes } minutes.
login-submit = Sign in
logout = Sign out
field-email = Email
field-password = Password
field-name = Name
account-title = My account
account-roles = Roles
role-name-platform_admin = Platform administrator
role-name-society_admin = Society administrator
role-name-reviewer = Reviewer
role-name-attestor = Attestor
role-name-engineer = Engineer
tokens-title = API tokens
tokens-lead = Tokens let scripts use the API as you. Send one as "Authorization: Bearer …". Revoke a token you no longer use.
tokens-created = Your new token is below. Copy it now: it is shown only once.
tokens-empty = You have no API tokens.
tokens-created-at = Created
tokens-last-used = Last used
tokens-revoked = Revoked
tokens-revoke = Revoke
tokens-name = What the token is for
tokens-create = Create a token
