# Messages of the recognition rule engine (crates/domain/src/engine).
#
# Ids follow the engine's stable codes: outcome-{kind}, reason-{code}, condition-{code}.
# The variables each message receives are those of `Message::message_args` in the engine:
# - $society, $framework, the specialties ($required_specialty, $actual_specialty) and the
#   levels ($level, $required_level, $actual_level, and $expected/$actual of condition-level)
#   carry ids; the web layer puts the name in the reader's language in their place;
# - years, hours and months are numbers;
# - $requirement is a requirement code (aptitude-test, adaptation-period,
#   professional-interview, local-regulations-briefing), with $months for an adaptation
#   period;
# - yes/no facts ($passed, $met, and $expected/$actual of condition-education and
#   condition-good_standing) are the words `yes` or `no`.

## Outcomes

outcome-eligible = Recognised by { $society } as { $level }.
outcome-conditional = Recognised by { $society } as { $level } once the requirements below are met.
outcome-ineligible = Not recognised by { $society } under this agreement as it stands.

## Reasons

reason-qualification_refused = The home society refused to attest this qualification, so it cannot be recognised.
reason-qualification_lapsed = This qualification has lapsed, so it cannot be recognised.
reason-framework_not_covered = This agreement has no rule leading from { $framework } to { $society }.
reason-specialty_mismatch = The qualification is in { $actual_specialty }; the agreement covers { $required_specialty }.
reason-level_below_minimum = You hold { $actual_level }; the rule starts at { $required_level } in { $framework }.
reason-experience_short =
    { $actual_years } { $actual_years ->
        [one] year
       *[other] years
    } of experience in this specialty; the agreement asks for { $required_years }.
reason-education_not_accredited = The rule asks for a degree accredited under the Washington, Sydney or Dublin accords or a listed equivalent.
reason-cpd_short =
    { $actual_hours } { $actual_hours ->
        [one] hour
       *[other] hours
    } of CPD in the last { $within_years } years; the agreement asks for { $required_hours }.
reason-not_in_good_standing = You are not in good standing with your home society.
reason-requirement_outstanding =
    Still to do: { $requirement ->
        [aptitude-test] an aptitude test
        [adaptation-period] an adaptation period of { $months } months
        [professional-interview] a professional interview
       *[local-regulations-briefing] a briefing on local regulations and codes
    }.

## Trace conditions: one line per condition of a rule considered

condition-level = Level held: { $actual } (at least { $expected } in { $framework })
condition-experience =
    Experience in this specialty: { $actual } { $actual ->
        [one] year
       *[other] years
    } (at least { $expected })
condition-education =
    Accredited degree: { $actual ->
        [yes] yes
       *[no] no
    } (required)
condition-cpd = CPD in the last { $within_years } years: { $actual } hours (at least { $expected })
condition-good_standing =
    In good standing: { $actual ->
        [yes] yes
       *[no] no
    }
condition-requirement =
    { $requirement ->
        [aptitude-test] Aptitude test
        [adaptation-period] Adaptation period of { $months } months
        [professional-interview] Professional interview
       *[local-regulations-briefing] Briefing on local regulations and codes
    }: { $met ->
        [yes] done
       *[no] still to do
    }
