# Português (Macau): the messages of this folder that public pages use; the others fall back to English.

outcome-eligible = Reconhecido por { $society } como { $level }.
outcome-conditional = Reconhecido por { $society } como { $level } logo que os requisitos abaixo estejam cumpridos.
outcome-ineligible = Não reconhecido por { $society } ao abrigo deste acordo, tal como está.
reason-qualification_refused = A sociedade de origem recusou atestar esta qualificação, pelo que não pode ser reconhecida.
reason-qualification_lapsed = Esta qualificação caducou, pelo que não pode ser reconhecida.
reason-framework_not_covered = Este acordo não tem nenhuma regra que leve de { $framework } a { $society }.
reason-specialty_mismatch = A qualificação é em { $actual_specialty }; o acordo abrange { $required_specialty }.
reason-level_below_minimum = Detém { $actual_level }; a regra começa em { $required_level } em { $framework }.
reason-experience_short =
    { $actual_years } { $actual_years ->
        [one] ano
       *[other] anos
    } de experiência nesta especialidade; o acordo exige { $required_years }.
reason-education_not_accredited = A regra exige uma licenciatura acreditada ao abrigo dos acordos de Washington, Sydney ou Dublin, ou um equivalente reconhecido.
reason-cpd_short =
    { $actual_hours } { $actual_hours ->
        [one] hora
       *[other] horas
    } de DPC nos últimos { $within_years } anos; o acordo exige { $required_hours }.
reason-not_in_good_standing = Não tem boa reputação profissional junto da sua sociedade de origem.
reason-requirement_outstanding =
    Ainda por fazer: { $requirement ->
        [aptitude-test] uma prova de aptidão
        [adaptation-period] um período de adaptação de { $months } meses
        [professional-interview] uma entrevista profissional
       *[local-regulations-briefing] uma sessão de informação sobre a regulamentação e as normas locais
    }.
condition-level = Nível detido: { $actual } (pelo menos { $expected } em { $framework })
condition-experience =
    Experiência nesta especialidade: { $actual } { $actual ->
        [one] ano
       *[other] anos
    } (pelo menos { $expected })
condition-education =
    Licenciatura acreditada: { $actual ->
        [yes] sim
       *[no] não
    } (exigida)
condition-cpd = DPC nos últimos { $within_years } anos: { $actual } horas (pelo menos { $expected })
condition-good_standing =
    Boa reputação profissional: { $actual ->
        [yes] sim
       *[no] não
    }
condition-requirement =
    { $requirement ->
        [aptitude-test] Prova de aptidão
        [adaptation-period] Período de adaptação de { $months } meses
        [professional-interview] Entrevista profissional
       *[local-regulations-briefing] Sessão de informação sobre a regulamentação e as normas locais
    }: { $met ->
        [yes] feito
       *[no] ainda por fazer
    }
