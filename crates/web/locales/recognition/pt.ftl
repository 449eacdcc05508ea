# Português (Macau): the messages of this folder that public pages use; the others fall back to English.

public-register-title = Registo de engenheiros reconhecidos
public-register-lead = Engenheiros cuja qualificação é reconhecida ao abrigo de um acordo em vigor e que aceitaram figurar no registo. Cada entrada remete para a verificação em tempo real do seu certificado.
public-register-search = Nome em qualquer escrita, ou número do certificado
public-register-submit = Pesquisar
public-register-count = { $count ->
    [one] Uma entrada
   *[other] { $count } entradas
}
public-register-empty = Ninguém corresponde a esta pesquisa.
public-register-recognised = Reconhecido por
public-register-issued = Desde
public-register-certificate = Certificado
public-register-verify = Verificar
public-register-suspended = Suspenso
nav-public-register = Engenheiros reconhecidos
nav-what-if = Simulação
nav-recognition = Onde sou reconhecido?
what-if-title = O que obteria a minha qualificação?
what-if-lead = Não precisa de conta. Descreva uma qualificação e um percurso e veja todos os acordos em vigor que a reconheceriam, a que nível e o que faltaria.
what-if-qualification = Qualificação detida
what-if-specialty = Especialidade
what-if-years = Anos de experiência nesta especialidade
what-if-accredited = A minha licenciatura está acreditada ao abrigo dos acordos de Washington, Sydney ou Dublin, ou de um equivalente reconhecido
what-if-cpd = Horas de DPC nos últimos três anos
what-if-standing = Com boa reputação profissional (sem sanção disciplinar)
what-if-submit = Verificar
what-if-empty = Ainda nenhum acordo em vigor abrange esta qualificação nesta especialidade.
what-if-results = Resultados
what-if-error-qualification = Não existe a qualificação «{ $value }». Escolha uma da lista.
what-if-error-specialty = Escolha uma especialidade da lista.
what-if-error-years = Indique os anos de experiência como um número inteiro de 0 a { $max }.
what-if-error-cpd = Indique as horas de DPC como um número inteiro de 0 a { $max }.
recognition-outcome-eligible = Elegível
recognition-outcome-conditional = Condicional
recognition-outcome-ineligible = Não elegível
recognition-qualification = Com base em
recognition-unattested = Assenta numa qualificação declarada que a respetiva sociedade ainda não atestou.
recognition-reasons = O que falta
recognition-trace = Como se decidiu
recognition-rule-to = Regra para { $level }
recognition-chosen = aplicada
recognition-met = cumprida
recognition-not-met = não cumprida
impact-draft = Rascunho
impact-in-force = Em vigor
recognition-by-agreement = Acordo a acordo
