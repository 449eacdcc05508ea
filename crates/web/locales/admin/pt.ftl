# Português (Macau): the messages of this folder that public pages use; the others fall back to English.

nav-register = Registo
reg-agreement-edit-file = Editar o ficheiro
reg-edit-agreement-panel = Painel do ciclo de vida
reg-edit-ladder = Editar esta escala
reg-edit-society = Editar esta sociedade
reg-edit-specialty = Editar
reg-specialty-new-title = Acrescentar uma especialidade
