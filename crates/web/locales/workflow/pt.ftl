# Português (Macau): the messages of this folder that public pages use; the others fall back to English.

col-engineer = Engenheiro
nav-applications = Candidaturas
nav-alerts = Alertas
queue-attestation = Fila de atestação
queue-review = Fila de apreciação
queue-overdue = Em atraso
