# Painéis: o público e a secção da página de cada acordo (páginas públicas). As mensagens dos
# painéis das associações, que não são públicas, ficam em inglês.

nav-dashboard = Painel
dash-home-link = Números do mecanismo: candidaturas, decisões e dias por etapa
dash-title = Painel
dash-lead = Candidaturas ao reconhecimento na Grande Baía, contadas a partir do registo em tempo real.
dash-agreement-heading = Candidaturas ao abrigo deste acordo
dash-agreement-lead = Contadas a partir das candidaturas apresentadas ao abrigo deste acordo.
dash-as-of = Números à data de { $date }.
dash-privacy = Os números públicos contam candidaturas e nunca mostram ninguém: uma contagem de 1 ou 2 aparece como «<3», e as taxas e os dias por etapa só aparecem quando assentam em pelo menos { $base } casos.
dash-society-dashboards = Painéis de associações que pode abrir
dash-stat-submitted = candidaturas apresentadas
dash-stat-recognised = reconhecimentos concedidos
dash-stat-in-progress = candidaturas em curso
dash-empty = Ainda não há candidaturas: os números aparecem à medida que são apresentadas.
dash-data-table = Tabela de dados
dash-csv-of = Descarregar «{ $title }» como ficheiro CSV
dash-chart-desc = { $lead } Todos os valores estão na tabela de dados ao lado do gráfico.

dash-by-specialty = Candidaturas e reconhecimentos por especialidade
dash-by-specialty-lead = Candidaturas apresentadas e reconhecimentos concedidos, com ou sem condições, desde o início.
dash-by-pair = Candidaturas e reconhecimentos por par de jurisdições
dash-by-pair-lead = Da região da associação que certificou a qualificação para a região da associação que a reconhece, desde o início.
dash-by-month = Candidaturas e reconhecimentos por mês
dash-by-month-lead = Os últimos 24 meses: candidaturas pelo mês de apresentação, reconhecimentos pelo mês da decisão (hora da Grande Baía).
dash-outcomes = Taxas de reconhecimento, de reconhecimento condicional e de recusa
dash-outcomes-lead = Partes das decisões das associações de acolhimento desde o início; uma recusa confirmada em recurso não é contada duas vezes.
dash-durations = Dias por etapa
dash-durations-lead = Mediana e percentil 90, em dias de calendário, de cada etapa concluída; uma desistência não conclui nenhuma etapa.
dash-pipeline = Candidaturas por estado
dash-pipeline-lead = Onde está cada candidatura neste momento.
dash-agreements = Acordos por estado
dash-agreements-lead = Acordos e cartas de intenção, pela fase do seu ciclo de vida.
dash-withheld-rates = As taxas aparecem quando houver pelo menos { $base } decisões.
dash-withheld-times = Os dias por etapa aparecem quando uma etapa tiver sido concluída pelo menos { $base } vezes.

dash-col-specialty = Especialidade
dash-col-pair = Origem → acolhimento
dash-col-month = Mês
dash-col-outcome = Decisão
dash-col-step = Etapa
dash-col-state = Estado
dash-col-status = Estado
dash-col-applications = Candidaturas
dash-col-recognitions = Reconhecimentos
dash-col-decisions = Decisões
dash-col-share = Parte (%)
dash-col-median = Mediana (dias)
dash-col-p90 = Percentil 90 (dias)
dash-col-completed = Vezes concluída
dash-col-agreements = Acordos

dash-outcome-granted = Reconhecida
dash-outcome-conditional = Reconhecida com condições
dash-outcome-refused = Recusada
dash-outcomes-all = Todas as decisões

dash-step-submitted = Atestação (origem)
dash-step-attested = Espera pela apreciação
dash-step-under_review = Apreciação (acolhimento)
dash-step-info_requested = Resposta do candidato
dash-step-conditionally_approved = Cumprir uma condição
dash-step-appealed = Decisão de um recurso
dash-step-decision = Da apresentação à decisão

dash-pair = { $home } → { $host }
dash-home-unknown = Sem associação de origem
dash-small = <3
dash-percent = { $value } %
dash-days = { $days } d
dash-month-year = { $month } { $year }
dash-month-1 = jan.
dash-month-2 = fev.
dash-month-3 = mar.
dash-month-4 = abr.
dash-month-5 = mai.
dash-month-6 = jun.
dash-month-7 = jul.
dash-month-8 = ago.
dash-month-9 = set.
dash-month-10 = out.
dash-month-11 = nov.
dash-month-12 = dez.
