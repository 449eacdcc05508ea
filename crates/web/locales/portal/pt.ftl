# Português (Macau): the messages of this folder that public pages use; the others fall back to English.

cert-status-reason = Motivo indicado
cert-change-title = Alterar a situação
cert-change-lead = A alteração produz efeitos de imediato: quem verificar o certificado vê-a, com o motivo.
cert-change-reason = Motivo
nav-profile = O meu perfil
signup-link = Registar-se
signup-offer = Novo no Wanqiao?
